# Install step (run by `cmake --install` and by cpack): the Debian changelog and the man pages,
# compressed with `gzip -9n` as Debian policy and lintian expect, the copyright file, and the
# executables stripped of the sections Debian strips. Set by the install(CODE) that includes
# this: box_source_dir, box_binary_dir, box_git_author, box_programs (the executables this build
# installs), box_man_pages (their pages in packaging/man/), box_strip (CMAKE_STRIP) and the
# GNUInstallDirs box_bindir, box_datadir, box_mandir.
include("${box_source_dir}/packaging/debian/maintainer.cmake")
box_deb_maintainer("${box_git_author}" BOX_DEB_MAINTAINER box_maintainer_source)

set(box_root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(box_doc "${box_root}/${box_datadir}/doc/box-companion")
set(box_man "${box_root}/${box_mandir}/man1")
file(MAKE_DIRECTORY "${box_doc}" "${box_man}")

function(box_install_gzipped source destination)
    execute_process(COMMAND gzip -9n -c "${source}" OUTPUT_FILE "${destination}"
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "gzip -9n ${source} failed (${rc})")
    endif()
    file(CHMOD "${destination}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    message(STATUS "Installing: ${destination}")
endfunction()

# A native package (version without a Debian revision): the changelog is changelog.gz.
file(READ "${box_source_dir}/packaging/debian/changelog.in" box_changelog)
string(CONFIGURE "${box_changelog}" box_changelog @ONLY)
file(WRITE "${box_binary_dir}/packaging/changelog" "${box_changelog}")
box_install_gzipped("${box_binary_dir}/packaging/changelog" "${box_doc}/changelog.gz")

foreach(page IN LISTS box_man_pages)
    box_install_gzipped("${box_source_dir}/packaging/man/${page}" "${box_man}/${page}.gz")
endforeach()

file(COPY "${box_source_dir}/packaging/debian/copyright" DESTINATION "${box_doc}"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
message(STATUS "Installing: ${box_doc}/copyright")

# Stripped as dh_strip does (cpack strips with CPACK_STRIP_FILES, but plain `strip` keeps the
# .comment and .note sections lintian reports as unneeded).
if(CMAKE_INSTALL_DO_STRIP AND box_strip)
    foreach(program IN LISTS box_programs)
        execute_process(COMMAND "${box_strip}" --remove-section=.comment --remove-section=.note
                                "${box_root}/${box_bindir}/${program}" RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "${box_strip} ${box_root}/${box_bindir}/${program} failed (${rc})")
        endif()
    endforeach()
endif()
