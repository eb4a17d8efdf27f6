// Linked with one module's whole archive and only the libraries that module declares
// (tests/layering/CMakeLists.txt): the link fails if the module calls into a module
// its layer does not link.
int main() { return 0; }
