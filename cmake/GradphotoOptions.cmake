# Every GradPhoto option, prefixed and printed so a build log says how it was made.
option(GRADPHOTO_BUILD_CLI "Build the gradphoto command line tool (native only)" ON)
option(GRADPHOTO_BUILD_TESTS "Build the native unit tests (native only)" ON)
option(GRADPHOTO_BUILD_BENCHMARKS "Build the Google Benchmark suite (native only)" ON)
option(GRADPHOTO_BUILD_FUZZERS "Build the libFuzzer targets (clang; instruments the core, native only)" OFF)
set(GRADPHOTO_SANITIZE "" CACHE STRING "Sanitizers for native builds, e.g. address,undefined")
set(GRADPHOTO_MODELS_DIR "" CACHE PATH "Directory holding the extracted face models (tests, benchmarks)")
set(GRADPHOTO_TESTDATA_DIR "${CMAKE_CURRENT_SOURCE_DIR}/../shared/testdata" CACHE PATH
    "The shared test photos (../shared/testdata beside the checkout)")
set(GRADPHOTO_WASM_OPT "-O3" CACHE STRING "Optimisation flag for the wasm link (-O3 or -Os)")
option(GRADPHOTO_WASM_THREADS "wasm only: build gradphoto-threads (pthreads: OpenCV's thread pool on the device's cores; needs a cross-origin isolated page)" OFF)

foreach(option IN ITEMS GRADPHOTO_BUILD_CLI GRADPHOTO_BUILD_TESTS GRADPHOTO_BUILD_BENCHMARKS GRADPHOTO_BUILD_FUZZERS
                        GRADPHOTO_SANITIZE GRADPHOTO_MODELS_DIR GRADPHOTO_TESTDATA_DIR GRADPHOTO_WASM_OPT GRADPHOTO_WASM_THREADS)
  message(STATUS "${option} = ${${option}}")
endforeach()
