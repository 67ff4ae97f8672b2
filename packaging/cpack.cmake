# Desktop integration and the Debian package (cpack -G DEB). The package follows Debian policy
# as lintian checks it: copyright (DEP-5), changelog and man pages gzipped, a Maintainer that
# names nothing made up (packaging/debian/maintainer.cmake). packaging/build-deb.sh builds it and
# runs lintian, appstreamcli and desktop-file-validate on it.
install(FILES ${CMAKE_SOURCE_DIR}/packaging/dev.boxcompanion.BoxCompanion.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

# Where docs/screenshots is published, for the AppStream screenshots. Not a confirmed public
# location: set it to wherever the repository's docs/screenshots really is served from.
set(BOX_COMPANION_SCREENSHOT_BASE_URL
    "https://raw.githubusercontent.com/box-companion/box-companion/main/docs/screenshots"
    CACHE STRING "Base URL of docs/screenshots for the AppStream metainfo's screenshots")
configure_file(${CMAKE_SOURCE_DIR}/packaging/dev.boxcompanion.BoxCompanion.metainfo.xml.in
               ${CMAKE_BINARY_DIR}/packaging/dev.boxcompanion.BoxCompanion.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/dev.boxcompanion.BoxCompanion.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The changelog's newest entry and the metainfo's newest release are the project's version.
file(STRINGS ${CMAKE_SOURCE_DIR}/packaging/debian/changelog.in box_changelog_head LIMIT_COUNT 1)
if(NOT box_changelog_head MATCHES "^box-companion \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "packaging/debian/changelog.in starts with \"${box_changelog_head}\": "
                        "add an entry for ${PROJECT_VERSION}")
endif()
file(STRINGS ${CMAKE_SOURCE_DIR}/packaging/dev.boxcompanion.BoxCompanion.metainfo.xml.in
     box_newest_release REGEX "<release " LIMIT_COUNT 1)
if(NOT box_newest_release MATCHES "<release version=\"${PROJECT_VERSION}\" ")
    message(FATAL_ERROR "The metainfo's newest release is not ${PROJECT_VERSION}: add one to "
                        "packaging/dev.boxcompanion.BoxCompanion.metainfo.xml.in")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_SOURCE_DIR}/packaging/debian/changelog.in)

# The maintainer's fallback when DEBFULLNAME/DEBEMAIL are not set for cpack: the author of the
# last git commit, as of this configure run.
find_package(Git QUIET)
set(box_git_author "")
if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} log -1 "--format=%an <%ae>"
                    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                    OUTPUT_VARIABLE box_git_author OUTPUT_STRIP_TRAILING_WHITESPACE
                    ERROR_QUIET)
endif()

set(box_programs box-companion)
if(BOX_WITH_SANDBOX)
    list(APPEND box_programs box-sandbox)
endif()
list(TRANSFORM box_programs APPEND .1 OUTPUT_VARIABLE box_man_pages)
# Changelog, man pages (gzip -9n), copyright and Debian's stripping; the script runs at install
# time (after the executables are installed), so the maintainer in the changelog follows cpack's
# environment like the control file's.
install(CODE "
    set(box_source_dir \"${CMAKE_SOURCE_DIR}\")
    set(box_binary_dir \"${CMAKE_BINARY_DIR}\")
    set(box_git_author \"${box_git_author}\")
    set(box_programs \"${box_programs}\")
    set(box_strip \"${CMAKE_STRIP}\")
    set(box_man_pages \"${box_man_pages}\")
    set(box_bindir \"${CMAKE_INSTALL_BINDIR}\")
    set(box_datadir \"${CMAKE_INSTALL_DATADIR}\")
    set(box_mandir \"${CMAKE_INSTALL_MANDIR}\")
    include(\"${CMAKE_SOURCE_DIR}/packaging/debian/install.cmake\")")

set(CPACK_PACKAGE_NAME box-companion)
set(CPACK_PACKAGE_VENDOR "The Box Companion contributors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The extended description only: CPack puts the summary above it as the synopsis.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Box Companion keeps the Box apps a developer works with (OAuth 2.0, JWT,
Client Credentials Grant, App Token, Developer Token) in one window, imports
the Developer Console's config.json and stores every secret in the system
keychain. Check App explains why Box refuses an app, and the token, profiles,
import and check commands serve scripts. box-sandbox emulates the Box API
locally for offline work and tests.")
# Maintainer: set at cpack time (DEBFULLNAME/DEBEMAIL, else the git author above).
set(CPACK_BOX_SOURCE_DIR "${CMAKE_SOURCE_DIR}")
set(CPACK_BOX_GIT_AUTHOR "${box_git_author}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_SOURCE_DIR}/packaging/debian/cpack-project-config.cmake")
# Library dependencies come from dpkg-shlibdeps. QtKeychain loads libsecret at run time
# (dlopen), so that one is named here, and a Secret Service provider is recommended.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | keepassxc | kwalletmanager")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
