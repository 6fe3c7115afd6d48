// libwebp 1.2: decoding (still and incremental), the demuxer's animation decoder (first frame of
// an animated file) and the simple encoders (tests make their own images with them).
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>
