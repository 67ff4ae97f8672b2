# Desktop integration and the Debian package (cpack -G DEB).
install(FILES ${CMAKE_SOURCE_DIR}/packaging/dev.boxcompanion.BoxCompanion.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/dev.boxcompanion.BoxCompanion.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(CPACK_PACKAGE_NAME box-companion)
set(CPACK_PACKAGE_VENDOR "Box Companion developers")
set(CPACK_PACKAGE_CONTACT "Box Companion developers <maintainers@boxcompanion.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${PROJECT_DESCRIPTION}
 Box Companion keeps the Box apps a developer works with (OAuth 2.0, JWT, Client
 Credentials Grant, App Token, Developer Token) in one window, imports the
 Developer Console's config.json and stores every secret in the system keychain.")
# Library dependencies come from dpkg-shlibdeps. QtKeychain loads libsecret at run time
# (dlopen), so that one is named here, and a Secret Service provider is recommended.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | keepassxc | kwalletmanager")
set(CPACK_STRIP_FILES ON)
include(CPack)
