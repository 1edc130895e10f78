// The conformance fixtures of multi round-trip requests (SEP-2322: tools and a prompt that answer
// with an input_required result and finish once the client retries with the answers) and the
// diagnostic tools of the stateless revision's scenario (SEP-2575: test_missing_capability,
// test_streaming_elicitation, test_logging_tool). Under a handshake revision the session asks the
// client itself, so the same fixtures serve every revision.
#pragma once
#include <mcp/server.h>

namespace fixture {

// Registers those tools and the prompt on `server`; the first registration that fails, if any.
mcp::Status add_mrtr_fixtures(mcp::Server& server);

}  // namespace fixture
