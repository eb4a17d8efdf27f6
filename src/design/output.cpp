#include "output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "corridor/design.hpp"
#include "corridor/error.hpp"

namespace corridor::design {

namespace fs = std::filesystem;

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ';';
    s += items[i];
  }
  return s;
}

void add_plan_outputs(const Plan& p, core::OutputSet& out) {
  CsvWriter wh({"site",
                "node",
                "name",
                "size",
                "capacity_per_day",
                "fixed_cost_per_year",
                "handling_cost_per_parcel",
                "throughput_per_day",
                "utilisation",
                "existing",
                "zones"});
  for (const auto& w : p.warehouses)
    wh.add_row({w.site,
                w.node,
                w.name,
                w.size,
                num(w.capacity_per_day),
                num(w.fixed_cost_per_year),
                num(w.handling_cost_per_parcel),
                num(w.throughput_per_day),
                num(w.utilisation),
                w.existing ? "yes" : "no",
                join(w.zones)});
  CsvWriter cx({"crossing",
                "name",
                "mode",
                "status",
                "usable",
                "capacity_parcels_per_day",
                "flow_parcels_per_day",
                "flow_units_per_day",
                "utilisation",
                "shadow_price_per_unit_day"});
  for (const auto& x : p.crossings)
    cx.add_row({x.crossing,
                x.name,
                x.mode,
                x.status,
                x.usable ? "yes" : "no",
                num(x.capacity_parcels_per_day),
                num(x.flow_parcels_per_day),
                num(x.flow_units_per_day),
                num(x.utilisation),
                num(x.shadow_price_per_unit_day)});
  CsvWriter fl({"channel",
                "hub",
                "crossing",
                "site",
                "zone",
                "parcels_per_day",
                "cost_per_parcel",
                "hours",
                "mode",
                "route",
                "legs"});
  for (const auto& f : p.flows)
    fl.add_row({f.channel,
                f.hub,
                f.crossing,
                f.site,
                f.zone,
                num(f.parcels_per_day),
                num(f.cost_per_parcel),
                num(f.hours),
                f.mode,
                join(f.route),
                join(f.legs)});
  CsvWriter zn({"zone",
                "node",
                "name",
                "demand_per_day",
                "stocked_per_day",
                "direct_per_day",
                "unmet_per_day",
                "main_site",
                "promise_days",
                "delivery_days",
                "cost_per_parcel",
                "late"});
  for (const auto& z : p.zones)
    zn.add_row({z.zone,
                z.node,
                z.name,
                num(z.demand_per_day),
                num(z.stocked_per_day),
                num(z.direct_per_day),
                num(z.unmet_per_day),
                z.main_site,
                num(z.promise_days),
                num(z.delivery_days),
                num(z.cost_per_parcel),
                z.late ? "yes" : "no"});
  CsvWriter um({"zone", "part", "parcels_per_day", "reason", "binding"});
  for (const auto& u : p.unmet)
    um.add_row({u.zone, u.part, num(u.parcels_per_day), u.reason, u.binding});

  nlohmann::json j = p;
  out.add("plan.json", j.dump(2) + "\n");
  out.add("warehouses.csv", wh.str());
  out.add("crossings.csv", cx.str());
  out.add("flows.csv", fl.str());
  out.add("zones.csv", zn.str());
  out.add("unmet.csv", um.str());
}

}  // namespace corridor::design
