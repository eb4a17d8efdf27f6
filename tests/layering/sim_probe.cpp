// Compiled with exactly the include flags of the corridor_sim target, as if it were a
// file of src/sim/ (tests/layering/CMakeLists.txt). Without a CORRIDOR_PROBE_* macro it
// must compile; with one, it includes scenario's private header src/scenario/values.hpp
// and must fail with "No such file" because sim sees scenario only through
// include/corridor/scenario.hpp. Not scanned by scripts/check-layering, on purpose.
#include "corridor/sim.hpp"  // a public header of a module sim may use
#include "model.hpp"         // sim's own private header, by bare name

#if defined(CORRIDOR_PROBE_SRC_ROOT)
#include "scenario/values.hpp"  // the old shared src/ include root
#elif defined(CORRIDOR_PROBE_BARE_NAME)
#include "values.hpp"  // another module's header by bare name
#endif

int corridor_layering_probe() { return 0; }
