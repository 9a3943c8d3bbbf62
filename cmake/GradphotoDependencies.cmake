# OpenCV comes from tools/deps/opencv-build.sh (Debian's source package, built
# natively and for wasm); the scripts pass OpenCV_DIR. Everything else native is
# a Debian package.
if(EMSCRIPTEN)
  find_package(OpenCV 4.10 REQUIRED COMPONENTS core imgproc dnn)
else()
  find_package(OpenCV 4.10 REQUIRED COMPONENTS core imgproc dnn imgcodecs)
  if(GRADPHOTO_BUILD_TESTS)
    find_package(GTest REQUIRED)
  endif()
  if(GRADPHOTO_BUILD_BENCHMARKS)
    find_package(benchmark REQUIRED)
  endif()
  find_package(Threads REQUIRED)
endif()
message(STATUS "OpenCV ${OpenCV_VERSION} from ${OpenCV_DIR}")
