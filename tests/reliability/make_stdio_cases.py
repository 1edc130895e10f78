#!/usr/bin/env python3
"""Writes the hostile-input corpus for stdio: one golden transcript per case in stdio/, each run
as its own ctest test (hostile_stdio.<name>) by tests/golden/golden_runner against openness-mcp.

Every case: the handshake, the hostile line(s) with the reply the specification asks for (or no
reply, for notifications and responses), then a tool call that must still be answered with a
proper result: the server keeps serving. The expected replies are written here from the
specifications (JSON-RPC 2.0, MCP 2025-11-25, the tool's input schema), not copied from the
server's output. Edit this file and run it to change the corpus:

    python3 tests/reliability/make_stdio_cases.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stdio")

INIT = ('{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},'
        '"clientInfo":{"name":"hostile","version":"0"}}}')
INIT_REPLY = '{"jsonrpc":"2.0","id":0,"result":"<any>"}'
INITIALIZED = '{"jsonrpc":"2.0","method":"notifications/initialized"}'
AFTER = ('{"jsonrpc":"2.0","id":"after","method":"tools/call","params":{"name":"lookup_model","arguments":{"name":"OLMo-7B"}}}')
AFTER_REPLY = '{"jsonrpc":"2.0","id":"after","result":{"content":"<any>","structuredContent":"<any>"}}'


def err(id_, code, message="<string>", data=None):
    e = {"code": code, "message": message}
    if data is not None:
        e["data"] = data
    return json.dumps({"jsonrpc": "2.0", "id": id_, "error": e}, separators=(",", ":"))


def tool_error(id_, contains="<string>"):
    # A tool execution error: a result with isError and a text block, no structuredContent.
    return json.dumps({"jsonrpc": "2.0", "id": id_, "result": {"content": [{"type": "text", "text": contains}],
                                                              "isError": True}}, separators=(",", ":"))


def call(id_, tool, args):
    return json.dumps({"jsonrpc": "2.0", "id": id_, "method": "tools/call", "params": {"name": tool, "arguments": args}},
                      separators=(",", ":"))


def req(id_, method, params=None):
    m = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        m["params"] = params
    return json.dumps(m, separators=(",", ":"))


cases = []


def case(name, comment, lines, version="2025-11-25", handshake=True):
    cases.append((name, comment, lines, version, handshake))


# ---- malformed and truncated JSON -----------------------------------------------------------------
case("truncated-json", "A message cut short is a parse error (-32700, id null).",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping"'), ("<", err(None, -32700))])
case("truncated-mid-string", "Cut inside a string.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"pi'), ("<", err(None, -32700))])
case("unquoted-keys", "Not JSON at all (unquoted keys).",
     [(">", '{jsonrpc:"2.0",id:1,method:"ping"}'), ("<", err(None, -32700))])
case("trailing-garbage", "A valid message followed by garbage on the same line is not one JSON value.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping"} trailing'), ("<", err(None, -32700))])
case("two-messages-one-line", "Two objects on one line are not one JSON value.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping"}{"jsonrpc":"2.0","id":2,"method":"ping"}'), ("<", err(None, -32700))])
case("trailing-comma", "JSON does not allow trailing commas.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping",}'), ("<", err(None, -32700))])
case("single-quotes", "JSON strings use double quotes.",
     [(">", "{'jsonrpc':'2.0','id':1,'method':'ping'}"), ("<", err(None, -32700))])
case("bare-word", "A bare word.", [(">", "ping"), ("<", err(None, -32700))])
case("only-brackets", "Unbalanced brackets.", [(">", "}}]]{{[["), ("<", err(None, -32700))])

# ---- not a request object ---------------------------------------------------------------------
case("scalar-message", "A number is not a JSON-RPC message (-32600).",
     [(">", "42"), ("<", err(None, -32600, "A JSON-RPC message must be an object, got a number"))])
case("null-message", "null is not a message.",
     [(">", "null"), ("<", err(None, -32600, "A JSON-RPC message must be an object, got null"))])
case("batch-not-negotiated", "Batches exist only in 2025-03-26; this session speaks 2025-11-25.",
     [(">", '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'),
      ("<", err(None, -32600, "JSON-RPC batches are only allowed in protocol revision 2025-03-26; this session speaks 2025-11-25"))])
case("empty-batch", "An empty batch is invalid (2025-03-26, where batches exist).",
     [(">", "[]"), ("<", err(None, -32600, "An empty batch is not a valid request"))], version="2025-03-26")
case("batch-of-garbage", "A 2025-03-26 batch of invalid members: one error each, in one array; the notification gets none.",
     [(">", '[1,{"jsonrpc":"2.0","id":"b","method":"nope"},{"jsonrpc":"2.0","method":"notifications/x"},[2]]'),
      ("<", "[%s,%s,%s]" % (err(None, -32600, "A JSON-RPC message must be an object, got a number"),
                            err("b", -32601, "Method not found: nope"),
                            err(None, -32600, "Batches cannot be nested")))], version="2025-03-26")

# ---- wrong types for every envelope field -------------------------------------------------------
case("jsonrpc-wrong-version", '"jsonrpc" must be "2.0".',
     [(">", '{"jsonrpc":"1.0","id":1,"method":"ping"}'), ("<", err(1, -32600, '"jsonrpc" must be the string "2.0"'))])
case("jsonrpc-wrong-type", '"jsonrpc" as a number.',
     [(">", '{"jsonrpc":2.0,"id":1,"method":"ping"}'), ("<", err(1, -32600, '"jsonrpc" must be the string "2.0"'))])
case("jsonrpc-missing", 'No "jsonrpc" member.',
     [(">", '{"id":1,"method":"ping"}'), ("<", err(1, -32600, '"jsonrpc" must be the string "2.0"'))])
case("method-wrong-type", '"method" as an array.',
     [(">", '{"jsonrpc":"2.0","id":1,"method":["ping"]}'), ("<", err(1, -32600, '"method" must be a string, got an array'))])
case("id-null", "MCP ids are strings or integers, never null.",
     [(">", '{"jsonrpc":"2.0","id":null,"method":"ping"}'), ("<", err(None, -32600, '"id" must be a string or an integer, got null'))])
case("id-float", "A fractional id.",
     [(">", '{"jsonrpc":"2.0","id":1.5,"method":"ping"}'),
      ("<", err(None, -32600, '"id" must be a string or an integer, got a non-integer number'))])
case("id-object", "An object id.",
     [(">", '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}'), ("<", err(None, -32600, '"id" must be a string or an integer, got an object'))])
case("id-bool", "A boolean id.",
     [(">", '{"jsonrpc":"2.0","id":true,"method":"ping"}'), ("<", err(None, -32600, '"id" must be a string or an integer, got a boolean'))])
case("params-wrong-type", "params must be an object in MCP (-32602, with the id).",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1,2]}'), ("<", err(1, -32602, '"params" must be an object, got an array'))])
case("params-string", "params as a string.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}'), ("<", err(1, -32602, '"params" must be an object, got a string'))])

# ---- huge numbers -------------------------------------------------------------------------------
case("id-beyond-int64", "An integer id past 2^63-1 cannot be echoed exactly: refused.",
     [(">", '{"jsonrpc":"2.0","id":18446744073709551615,"method":"ping"}'),
      ("<", err(None, -32600, '"id" must be a string or an integer, got a number'))])
case("id-beyond-uint64", "An id past 2^64 is read as a float: refused.",
     [(">", '{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}'),
      ("<", err(None, -32600, '"id" must be a string or an integer, got a non-integer number'))])
case("id-int64-limits", "The extreme int64 ids are valid and echoed exactly.",
     [(">", '{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}'), ("<", '{"jsonrpc":"2.0","id":-9223372036854775808,"result":{}}'),
      (">", '{"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}'), ("<", '{"jsonrpc":"2.0","id":9223372036854775807,"result":{}}')])
case("number-overflow", "A number too large for a double is not JSON the server can read.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":1e999999}}'), ("<", err(None, -32700))])
case("huge-number-argument", "A huge number where the schema wants a small integer: a tool error naming the field.",
     [(">", call(1, "search_models", {"limit": 1e300})), ("<", tool_error(1))])
case("long-number-literal", "A 100,000-digit number literal.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":{{REP:100000:9}}}}'), ("<", err(None, -32700))])

# ---- deep nesting -------------------------------------------------------------------------------
case("deep-nesting-100k", "100,000 levels of arrays are refused before any parse (-32600).",
     [(">", "{{REP:100000:[}}{{REP:100000:]}}"), ("<", err(None, -32600, "Message nested deeper than 128 levels"))])
case("deep-nesting-in-params", "100,000 levels of objects inside params.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","params":{{REP:100000:{"a":}}1{{REPHEX:100000:7d}}}'),
      ("<", err(None, -32600, "Message nested deeper than 128 levels"))])
case("deep-nesting-unclosed", "100,000 opening brackets and nothing else.",
     [(">", "{{REP:100000:[}}"), ("<", err(None, -32600, "Message nested deeper than 128 levels"))])
case("nesting-at-limit", "128 levels are allowed: a tool argument nested that deep is a schema error, not a crash.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_model","arguments":{"name":{{REP:124:[}}{{REP:124:]}}}}}'),
      ("<", tool_error(1))])

# ---- invalid UTF-8 and NUL bytes ----------------------------------------------------------------
case("invalid-utf8-in-string", "A byte that cannot start a UTF-8 sequence, inside a string: -32700.",
     [(">", call(1, "lookup_model", {"name": "OLMo"}).replace("OLMo", "OL{{HEX:ff}}Mo")), ("<", err(None, -32700))])
case("invalid-utf8-truncated-sequence", "A two-byte sequence cut short (C3 28).",
     [(">", call(1, "lookup_model", {"name": "x"}).replace('"x"', '"{{HEX:c328}}"')), ("<", err(None, -32700))])
case("invalid-utf8-overlong", "An overlong encoding of '/' (C0 AF), the classic path-traversal disguise.",
     [(">", req(1, "resources/read", {"uri": "openness://models/a"}).replace("/a", "/{{HEX:c0af}}")), ("<", err(None, -32700))])
case("invalid-utf8-surrogate", "A UTF-8-encoded surrogate (ED A0 80).",
     [(">", call(1, "get_license", {"license": "x"}).replace('"x"', '"{{HEX:eda080}}"')), ("<", err(None, -32700))])
case("invalid-utf8-outside-strings", "Invalid bytes between tokens.",
     [(">", '{"jsonrpc":"2.0",{{HEX:fe}}"id":1,"method":"ping"}'), ("<", err(None, -32700))])
case("lone-surrogate-escape", "An escaped lone surrogate (\\ud800) is not a Unicode string.",
     [(">", call(1, "lookup_model", {"name": "x"}).replace('"x"', '"\\ud800"')), ("<", err(None, -32700))])
case("nul-byte-in-string", "A raw NUL inside a string is a control character JSON forbids.",
     [(">", call(1, "lookup_model", {"name": "x"}).replace('"x"', '"a{{NUL}}b"')), ("<", err(None, -32700))])
case("nul-byte-between-tokens", "A raw NUL between tokens.",
     [(">", '{"jsonrpc":"2.0","id":1,{{NUL}}"method":"ping"}'), ("<", err(None, -32700))])
case("nul-byte-alone", "A line holding one NUL byte.", [(">", "{{NUL}}"), ("<", err(None, -32700))])
case("escaped-nul-in-argument", "An escaped NUL (\\u0000) is valid JSON: the tool says no model has that name and "
     "offers the close ones (a 7-character name is too short to take a spelling match for it); no crash.",
     [(">", call(1, "lookup_model", {"name": "OLMo\u00007B"})), ("<", tool_error(1))])
case("control-chars-in-argument", "Escaped control characters in a license name: a tool answer, not a crash.",
     [(">", call(1, "get_license", {"license": "\u0001\u001b[31m\u007f"})), ("<", tool_error(1))])

# ---- 10 MiB strings -----------------------------------------------------------------------------
case("ten-mib-line", "A 10 MiB line is over the 4 MiB line limit: -32600, skipped without being parsed.",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"s":"{{PAD:10485760}}"}}'),
      ("<", err(None, -32600, "Message too large: a line may hold at most 4194304 bytes"))])
case("ten-mib-line-no-quotes", "10 MiB of bytes that are not JSON at all, over the limit.",
     [(">", "{{PAD:10485760}}"), ("<", err(None, -32600, "Message too large: a line may hold at most 4194304 bytes"))])
case("three-mib-argument", "A 3 MiB model name fits the line but not the schema (maxLength 512): a tool error.",
     [(">", call(1, "lookup_model", {"name": "{{PAD:3145728}}"})), ("<", tool_error(1))])
case("three-mib-model-card", "A 3 MiB model card is over the tool's 1 MiB maxLength: a tool error.",
     [(">", call(1, "assess_model_card", {"card": "---\\nlicense: mit\\n---\\n{{PAD:3145728}}"})), ("<", tool_error(1))])

# ---- wrong types for every tool's arguments -------------------------------------------------------
for i, (tool, args) in enumerate([
        ("lookup_model", {"name": 5}),
        ("lookup_model", {"name": "OLMo-7B", "mof_mode": "lenient"}),
        ("classify_release", {"components": "weights"}),
        ("classify_release", {"components": [{"name": 7}]}),
        ("explain_openness", {"audience": 42}),
        ("check_openness_claim", {"model": [], "claim": {}}),
        ("compare_models", {"names": "OLMo-7B"}),
        ("compare_models", {"names": [None, True]}),
        ("search_models", {"limit": "ten"}),
        ("search_models", {"tier": "mostly-open"}),
        ("get_license", {"license": None}),
        ("assess_model_card", {"card": 1}),
        ("lookup_model", {"name": "OLMo-7B", "unexpected": True})]):
    case("wrong-type-%s-%d" % (tool, i), "Arguments of the wrong type or value for %s: a tool error (isError), not a protocol error." % tool,
         [(">", call(1, tool, args)), ("<", tool_error(1))])
case("arguments-not-object", "tools/call arguments must be an object (-32602).",
     [(">", req(1, "tools/call", {"name": "lookup_model", "arguments": ["OLMo-7B"]})),
      ("<", err(1, -32602, "params.arguments must be an object"))])
case("tool-name-wrong-type", "tools/call name must be a string (-32602).",
     [(">", req(1, "tools/call", {"name": ["lookup_model"]})),
      ("<", err(1, -32602, "tools/call needs params.name, the tool's name (a string)"))])
case("unknown-tool", "An unknown tool is -32602 naming the tools.",
     [(">", call(1, "rm_rf", {})), ("<", err(1, -32602))])
case("initialize-wrong-types", "initialize with protocolVersion a number, before any session: -32602, then a proper initialize works.",
     [(">", req(0, "initialize", {"protocolVersion": 20251125, "capabilities": {}})),
      ("<", err(0, -32602, 'initialize needs params.protocolVersion, a string such as "2025-11-25"')),
      (">", req(1, "initialize", {"protocolVersion": "2025-11-25", "capabilities": "all"})),
      ("<", err(1, -32602, "params.capabilities must be an object")),
      (">", INIT % "2025-11-25"), ("<", INIT_REPLY), (">", INITIALIZED)], handshake=False)
case("set-level-wrong", "logging/setLevel with a level that does not exist.",
     [(">", req(1, "logging/setLevel", {"level": 3})), ("<", err(1, -32602))])
case("prompt-arguments-wrong-type", "prompts/get arguments must be strings.",
     [(">", req(1, "prompts/get", {"name": "is_it_open", "arguments": {"model": 7}})),
      ("<", err(1, -32602, "Prompt argument 'model' must be a string"))])
case("completion-wrong-shape", "completion/complete without an argument object.",
     [(">", req(1, "completion/complete", {"ref": {"type": "ref/prompt", "name": "is_it_open"}, "argument": "model"})),
      ("<", err(1, -32602))])

# ---- unknown methods, duplicate ids, responses and notifications where requests belong ----------
case("unknown-method", "An unknown method is -32601.",
     [(">", req(1, "tools/explode")), ("<", err(1, -32601, "Method not found: tools/explode"))])
case("unknown-method-rpc-namespace", "Methods starting with rpc. are reserved and unknown here.",
     [(">", req(1, "rpc.discover")), ("<", err(1, -32601, "Method not found: rpc.discover"))])
case("request-before-initialize", "Before initialize only ping is served (-32600).",
     [(">", req(1, "tools/list")),
      ("<", err(1, -32600, 'Server not initialized: the first request must be "initialize" (only "ping" may come before it)')),
      (">", INIT % "2025-11-25"), ("<", INIT_REPLY), (">", INITIALIZED)], handshake=False)
case("initialize-twice", "A second initialize is refused; the session goes on.",
     [(">", INIT.replace('"id":0', '"id":1') % "2025-11-25"), ("<", err(1, -32600, "This session is already initialized"))])
case("duplicate-ids-sequential", "An id reused after its request was answered is answered again (ids are unique only in flight).",
     [(">", req(7, "ping")), ("<", '{"jsonrpc":"2.0","id":7,"result":{}}'),
      (">", req(7, "ping")), ("<", '{"jsonrpc":"2.0","id":7,"result":{}}')])
case("response-where-request-belongs", "A response to a request the server never sent is ignored: no reply.",
     [(">", '{"jsonrpc":"2.0","id":1,"result":{"content":[]}}'),
      (">", '{"jsonrpc":"2.0","id":"srv-1","error":{"code":-32601,"message":"no"}}')])
case("malformed-response", "A response with both result and error, or neither, is dropped: nobody to answer.",
     [(">", '{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}'),
      (">", '{"jsonrpc":"2.0","result":{}}'),
      (">", '{"jsonrpc":"2.0","id":2,"error":"not an object"}')])
case("notification-where-request-belongs", "tools/call without an id is a notification: executed or not, never answered.",
     [(">", '{"jsonrpc":"2.0","method":"tools/call","params":{"name":"lookup_model","arguments":{"name":"OLMo-7B"}}}'),
      (">", '{"jsonrpc":"2.0","method":"initialize","params":{}}'),
      (">", '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":{"not":"an id"}}}'),
      (">", '{"jsonrpc":"2.0","method":"notifications/unknown","params":[1]}')])
case("request-and-response-at-once", "A message with method and result is invalid (-32600).",
     [(">", '{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}'),
      ("<", err(1, -32600, 'A message cannot carry both "method" and "result"/"error"'))])

# ---- cursors and URIs that are not ours --------------------------------------------------------
case("cursor-not-ours", "A cursor the server did not issue (-32602).",
     [(">", req(1, "tools/list", {"cursor": "bWNwMTp0OjEwMDAwMDA"})),
      ("<", err(1, -32602, "Invalid cursor: pass back a nextCursor from a previous page, unchanged"))])
case("cursor-wrong-type", "A cursor that is not a string (-32602).",
     [(">", req(1, "resources/list", {"cursor": 100})),
      ("<", err(1, -32602, "Invalid cursor: pass back a nextCursor from a previous page, unchanged"))])
case("search-cursor-forged", "search_models with a cursor for other filters: a tool error.",
     [(">", call(1, "search_models", {"query": "llama", "cursor": "s1:1:0"})),
      ("<", tool_error(1, "Invalid cursor: pass back next_cursor from the previous page with the same filters."))])
case("uri-foreign-scheme", "A file: URI names no resource of this server (-32002).",
     [(">", req(1, "resources/read", {"uri": "file:///etc/passwd"})),
      ("<", err(1, -32002, "Resource not found: file:///etc/passwd", {"uri": "file:///etc/passwd"}))])
for i, uri in enumerate(["openness://models/../../etc/passwd", "openness://models/..%2F..%2Fetc%2Fpasswd",
                         "openness://licenses/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "openness://models/olmo-7b%00.json",
                         "openness://models/%", "openness://frameworks/../../dataset", "openness://models/olmo-7b/card/../../x"]):
    case("uri-traversal-%d" % i, "Path traversal in a resource URI names nothing (-32002): %s" % uri,
         [(">", req(1, "resources/read", {"uri": uri})), ("<", err(1, -32002, "Resource not found: " + uri, {"uri": uri}))])
case("completion-foreign-template", "Completion for a template that is not ours (-32602).",
     [(">", req(1, "completion/complete", {"ref": {"type": "ref/resource", "uri": "file:///{path}"},
                                           "argument": {"name": "path", "value": "/etc"}})), ("<", err(1, -32602))])

# ---- framing ----------------------------------------------------------------------------------
case("blank-and-crlf-lines", "Blank lines are skipped and a CRLF line is accepted.",
     [(">", ""), (">", "   "), (">", '{"jsonrpc":"2.0","id":1,"method":"ping"}{{CR}}'), ("<", '{"jsonrpc":"2.0","id":1,"result":{}}')])


def write(name, comment, lines, version, handshake):
    path = os.path.join(OUT, name + ".txt")
    with open(path, "w") as f:
        f.write("# Hostile input: %s\n" % comment)
        if handshake:
            f.write("> " + INIT % version + "\n< " + INIT_REPLY + "\n> " + INITIALIZED + "\n")
        for kind, text in lines:
            f.write("%s %s\n" % (kind, text))
        f.write("# The server keeps serving.\n> %s\n< %s\n" % (AFTER, AFTER_REPLY))


os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".txt"):
        os.remove(os.path.join(OUT, old))
for c in cases:
    write(*c)
print("%d stdio cases in %s" % (len(cases), OUT))
