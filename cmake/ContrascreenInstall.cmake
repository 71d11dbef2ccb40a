include(CMakePackageConfigHelpers)

# contrascreen::contrascreen, the C++ library, and contrascreen::c, the C ABI's shared
# library (libcontrascreen_c.so with its SONAME link; header contrascreen/contrascreen.h).
install(TARGETS contrascreen contrascreen_c EXPORT contrascreenTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/contrascreen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/contrascreen/rules)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/contrascreen)
install(EXPORT contrascreenTargets NAMESPACE contrascreen:: DESTINATION ${config_dir})
configure_package_config_file(cmake/contrascreenConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/contrascreenConfig.cmake INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/contrascreenConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/contrascreenConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/contrascreenConfigVersion.cmake
        DESTINATION ${config_dir})
