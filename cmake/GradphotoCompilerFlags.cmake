# Compiler settings shared by every GradPhoto target.
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

add_library(gradphoto_warnings INTERFACE)
target_compile_options(gradphoto_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)

if(EMSCRIPTEN)
  # OpenCV's wasm intrinsics need -msimd128 on every compile.
  add_compile_options(-msimd128)
  if(GRADPHOTO_WASM_THREADS)
    # Shared memory: every object of the module (OpenCV, libjpeg, zlib included) must
    # be compiled with -pthread, or wasm-ld refuses to link them.
    add_compile_options(-pthread)
  endif()
elseif(GRADPHOTO_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GRADPHOTO_BUILD_FUZZERS needs clang (the fuzz preset sets CMAKE_CXX_COMPILER=clang++)")
  endif()
  # Coverage for libFuzzer in every GradPhoto object; the sanitizers stop at the
  # first error so the fuzzer records the input.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -g)
  add_link_options(-fsanitize=address,undefined)
elseif(GRADPHOTO_SANITIZE)
  add_compile_options(-fsanitize=${GRADPHOTO_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${GRADPHOTO_SANITIZE})
endif()
