# Read by cpack when it runs (CPACK_PROJECT_CONFIG_FILE): the Maintainer follows the environment
# of that run (packaging/debian/maintainer.cmake).
include("${CPACK_BOX_SOURCE_DIR}/packaging/debian/maintainer.cmake")
box_deb_maintainer("${CPACK_BOX_GIT_AUTHOR}" CPACK_DEBIAN_PACKAGE_MAINTAINER box_source)
message(STATUS "Maintainer: ${CPACK_DEBIAN_PACKAGE_MAINTAINER}, from ${box_source}")
