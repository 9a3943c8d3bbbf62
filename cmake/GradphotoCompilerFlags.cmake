# Compiler settings shared by every GradPhoto target.
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

add_library(gradphoto_warnings INTERFACE)
target_compile_options(gradphoto_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)

if(EMSCRIPTEN)
  # OpenCV's wasm intrinsics need -msimd128 on every compile.
  add_compile_options(-msimd128)
elseif(GRADPHOTO_SANITIZE)
  add_compile_options(-fsanitize=${GRADPHOTO_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${GRADPHOTO_SANITIZE})
endif()
