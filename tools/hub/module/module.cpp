// The Hub client as a module that openness::hub::load_client() loads with dlopen when --hub is
// given: cpp-httplib and OpenSSL are then loaded only by servers that read the Hub.
#include "hub_internal.h"

extern "C" __attribute__((visibility("default"))) openness::hub::Fetcher* openness_hub_module_make(
    unsigned abi, const openness::hub::Options* options) {
  if (abi != openness::hub::kModuleAbi || !options) return nullptr;
  return openness::hub::make_client(*options).release();
}
