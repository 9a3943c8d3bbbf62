# OpenCV comes from tools/deps/opencv-build.sh (Debian's source package, built
# natively and for wasm); the scripts pass OpenCV_DIR. libjpeg-turbo for wasm comes
# from tools/deps/libjpeg-wasm.sh (the presets pass GRADPHOTO_LIBJPEG_WASM_DIR).
# Everything else native is a Debian package.
if(EMSCRIPTEN)
  find_package(OpenCV 4.10 REQUIRED COMPONENTS core imgproc dnn)
  set(GRADPHOTO_LIBJPEG_WASM_DIR "" CACHE PATH "libjpeg-turbo built for wasm (tools/deps/libjpeg-wasm.sh)")
  if(NOT EXISTS "${GRADPHOTO_LIBJPEG_WASM_DIR}/lib/libjpeg.a")
    message(FATAL_ERROR "No lib/libjpeg.a in GRADPHOTO_LIBJPEG_WASM_DIR ('${GRADPHOTO_LIBJPEG_WASM_DIR}'): "
                        "source tools/deps/bootstrap.sh first")
  endif()
  add_library(JPEG::JPEG STATIC IMPORTED)
  set_target_properties(JPEG::JPEG PROPERTIES
    IMPORTED_LOCATION "${GRADPHOTO_LIBJPEG_WASM_DIR}/lib/libjpeg.a"
    INTERFACE_INCLUDE_DIRECTORIES "${GRADPHOTO_LIBJPEG_WASM_DIR}/include")
else()
  find_package(OpenCV 4.10 REQUIRED COMPONENTS core imgproc dnn imgcodecs)
  find_package(JPEG REQUIRED)
  if(GRADPHOTO_BUILD_TESTS)
    find_package(GTest REQUIRED)
  endif()
  if(GRADPHOTO_BUILD_BENCHMARKS)
    find_package(benchmark REQUIRED)
  endif()
  find_package(Threads REQUIRED)
endif()
message(STATUS "OpenCV ${OpenCV_VERSION} from ${OpenCV_DIR}")

# nlohmann/json is header-only (Debian nlohmann-json3-dev). The wasm build must not
# search /usr/include (it would shadow the wasm sysroot), so it gets a directory
# holding only that header tree.
add_library(gradphoto_json INTERFACE)
if(EMSCRIPTEN)
  set(GRADPHOTO_JSON_INCLUDE ${CMAKE_BINARY_DIR}/third_party_include)
  file(MAKE_DIRECTORY ${GRADPHOTO_JSON_INCLUDE})
  file(CREATE_LINK /usr/include/nlohmann ${GRADPHOTO_JSON_INCLUDE}/nlohmann SYMBOLIC)
  target_include_directories(gradphoto_json SYSTEM INTERFACE ${GRADPHOTO_JSON_INCLUDE})
else()
  find_package(nlohmann_json 3 REQUIRED)
  target_link_libraries(gradphoto_json INTERFACE nlohmann_json::nlohmann_json)
endif()
