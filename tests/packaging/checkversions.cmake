# The version has one source, project(wslab VERSION ...) in the top CMakeLists.txt, which is what
# `wslab --version` prints. debian/changelog and the AppStream <release> list are histories with
# a dated, written entry per version, so they are written by hand rather than generated; this
# check fails when their newest entry names another version than the program does.
#   cmake -DWSLAB=<built wslab> -DCHANGELOG=<debian/changelog> -DMETAINFO=<metainfo.xml> -P checkversions.cmake

execute_process(COMMAND ${WSLAB} --version
    OUTPUT_VARIABLE version RESULT_VARIABLE status TIMEOUT 30)
if(NOT status EQUAL 0 OR NOT version MATCHES "^wslab ([^\n]+)")
    message(FATAL_ERROR "${WSLAB} --version failed (${status}): ${version}")
endif()
set(program ${CMAKE_MATCH_1})

# The package is native (debian/source/format), so its version is the program's, with no
# Debian revision: "wslab (0.1.0) unstable; urgency=medium".
file(STRINGS ${CHANGELOG} top LIMIT_COUNT 1)
if(NOT top MATCHES "^wslab \\(([^)]+)\\) ")
    message(FATAL_ERROR "${CHANGELOG}: the first line names no version: ${top}")
endif()
set(debian ${CMAKE_MATCH_1})

file(READ ${METAINFO} metainfo)
if(NOT metainfo MATCHES "<release version=\"([^\"]+)\"")
    message(FATAL_ERROR "${METAINFO}: no <release version=...>")
endif()
set(appstream ${CMAKE_MATCH_1})

if(NOT debian STREQUAL program OR NOT appstream STREQUAL program)
    message(FATAL_ERROR "Versions disagree: wslab --version says ${program}, "
        "${CHANGELOG} ${debian}, the newest release in ${METAINFO} ${appstream}. "
        "The newest entry of each must be for the version set by project() in CMakeLists.txt.")
endif()
message(STATUS "wslab --version, debian/changelog and the AppStream releases all say ${program}")
