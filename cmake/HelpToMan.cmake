# cmake -DBINARY=... -DOUT=... -DVERSION=... -P HelpToMan.cmake
# Writes a man page (section 1) whose body is the program's own --help, so the two never differ.
execute_process(COMMAND ${BINARY} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} --help failed (${rc})")
endif()
string(REPLACE "\\" "\\\\" help "${help}")
string(REGEX REPLACE "\n\\." "\n\\\\&." help "${help}")
string(REGEX REPLACE "/work/[^ ]*/openness-mcp" "openness-mcp" help "${help}")
string(REGEX REPLACE "Usage: [^ ]*openness-mcp" "Usage: openness-mcp" help "${help}")
file(WRITE ${OUT} ".TH OPENNESS-MCP 1 \"\" \"openness-mcp ${VERSION}\" \"User Commands\"
.SH NAME
openness-mcp \\- MCP server that answers, with evidence, whether an AI model is actually open
.SH SYNOPSIS
.B openness-mcp
[\\fIOPTIONS\\fR] [\\fBcall\\fR|\\fBlookup\\fR|\\fBtools\\fR|\\fBvalidate-data\\fR ...]
.SH DESCRIPTION
.nf
${help}
.fi
.SH EXIT STATUS
0 success; 1 a tool error or a failure (such as a bad data file); 2 a usage error.
.SH SEE ALSO
The README at /usr/share/doc/openness-mcp/README.md.
")
