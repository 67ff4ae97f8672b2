# The package's Maintainer (and the changelog's signature) names a real person or team, never a
# made-up address. Debian's convention first: DEBFULLNAME and DEBEMAIL in the environment of
# cpack (DEBEMAIL alone may be "Name <address>"); else the author of the last git commit, read
# when CMake configured the build. Included by the CPack project config file (control field) and
# by the install step (changelog), so both choose the same way.
function(box_deb_maintainer git_author out_maintainer out_source)
    set(name "$ENV{DEBFULLNAME}")
    set(email "$ENV{DEBEMAIL}")
    if(email MATCHES "^(.+) <(.+)>$")
        if(name STREQUAL "")
            set(name "${CMAKE_MATCH_1}")
        endif()
        set(email "${CMAKE_MATCH_2}")
    endif()
    if(NOT name STREQUAL "" AND NOT email STREQUAL "")
        set(${out_maintainer} "${name} <${email}>" PARENT_SCOPE)
        set(${out_source} "DEBFULLNAME/DEBEMAIL" PARENT_SCOPE)
    elseif(NOT git_author STREQUAL "")
        set(${out_maintainer} "${git_author}" PARENT_SCOPE)
        set(${out_source} "the author of the last git commit (set DEBFULLNAME and DEBEMAIL to override)" PARENT_SCOPE)
    else()
        message(FATAL_ERROR "No maintainer for the package: set DEBFULLNAME and DEBEMAIL "
                            "(e.g. DEBFULLNAME=\"Jane Doe\" DEBEMAIL=jane@example.org), or build "
                            "from a git checkout")
    endif()
endfunction()
