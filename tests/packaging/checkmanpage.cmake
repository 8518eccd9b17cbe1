# The man page is written by hand, so that it can say more than one line per option (defaults,
# endpoints, exit status, examples), and this check keeps it from drifting: every option that
# `wslab --help` lists heads an item of the page's OPTIONS section with the same argument name,
# and the page describes no option the program does not have. (--help needs no display, so the
# built program is simply asked.)
#   cmake -DWSLAB=<built wslab> -DMANPAGE=<resources/wslab.1> -P checkmanpage.cmake

execute_process(COMMAND ${WSLAB} --lang en --help
    OUTPUT_VARIABLE help RESULT_VARIABLE status TIMEOUT 30)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${WSLAB} --help failed (${status})")
endif()

# QCommandLineParser puts each option at the start of a line, indented by two spaces:
# "  -h, --help", "  --port <N>"; wrapped descriptions are indented further.
string(REGEX MATCHALL "\n  (-[A-Za-z], )?--[a-z0-9-]+( <[A-Za-z]+>)?" heads "\n${help}")
set(from_help)
foreach(head IN LISTS heads)
    string(REGEX REPLACE "[\n<>]" "" head "${head}")
    string(REGEX MATCHALL "--?[a-z][a-z0-9-]*( [A-Za-z]+)?" names "${head}")
    list(APPEND from_help ${names})
endforeach()

# Each option item is ".TP" and then one heading line, e.g. ".BI \-\-port " N"" or
# ".BR \-h ", " \-\-help".
file(READ ${MANPAGE} page)
string(REGEX MATCH "\n\\.SH OPTIONS\n.*" options "${page}")
string(REGEX REPLACE "(\n\\.SH OPTIONS\n.*)\n\\.SH .*" "\\1" options "${options}")
string(REGEX MATCHALL "\n\\.TP\n[^\n]*" items "${options}")
set(from_page)
foreach(item IN LISTS items)
    string(REGEX REPLACE "^\n\\.TP\n\\.[A-Z]+ " "" heading "${item}")
    string(REPLACE "\\-" "-" heading "${heading}")
    string(REPLACE "\"" "" heading "${heading}")
    string(REGEX REPLACE " +" " " heading "${heading}")
    string(REGEX MATCHALL "--?[a-z][a-z0-9-]*( [A-Za-z]+)?" names "${heading}")
    list(APPEND from_page ${names})
endforeach()

set(missing ${from_help})
list(REMOVE_ITEM missing ${from_page})
set(extra ${from_page})
list(REMOVE_ITEM extra ${from_help})
if(missing OR extra)
    list(JOIN missing ", " missing)
    list(JOIN extra ", " extra)
    message(FATAL_ERROR "${MANPAGE} and wslab --help disagree.\n"
        "  In --help, not in the man page's OPTIONS: ${missing}\n"
        "  In the man page, not in --help: ${extra}")
endif()
list(LENGTH from_help count)
message(STATUS "The man page describes the ${count} options of --help: ${from_help}")
