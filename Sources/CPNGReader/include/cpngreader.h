#ifndef CPNGREADER_SHIM_H
#define CPNGREADER_SHIM_H

/* libpng's progressive-row API behind a small, safe C surface for Swift, for previews.
 *
 * Why not the simplified API: it cannot stop between rows (a superseded preview of a large PNG
 * would run to the end), it needs the whole image in memory, and it takes 16-bit files without
 * gAMA/sRGB as linear light (a mid grey comes out at 186 instead of 128, unlike every viewer).
 * Here rows are read one at a time, the cancel flag is checked between them, and the picture
 * is box-averaged on the fly by a whole factor, so a non-interlaced image needs memory for a
 * row, not for the image. Every function sets up its own setjmp; nothing is printed. */

#include <stddef.h>
#include <stdint.h>

#include "cjpeg.h"  /* cjpeg_cancel_flag */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int width;
    int height;
    int bit_depth;
    int color_type;   /* PNG's: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
    int interlaced;
    int has_alpha;    /* an alpha channel or a tRNS chunk */
} cpng_header;

typedef struct cpng_reader cpng_reader;

/* `data` must stay valid until cpng_reader_destroy; `cancel` may be NULL. */
cpng_reader *cpng_reader_create(const uint8_t *data, size_t size, const cjpeg_cancel_flag *cancel);
void cpng_reader_destroy(cpng_reader *reader);

/* Reads the chunks up to the image data; allocates no image memory. */
int cpng_reader_read_header(cpng_reader *reader, cpng_header *header);

/* Decodes to 8 bits a channel, `channels` 3 (RGB) or 4 (RGBA, not premultiplied), averaging
 * each factor × factor block into one pixel (colours weighted by alpha): the output is
 * (width / factor) × (height / factor), rows `stride` bytes apart. 16-bit samples keep their
 * high byte; palettes, grey and tRNS are expanded. An interlaced image is first read whole
 * (width × height × channels bytes, allocated here). Returns 0, or -1 (see below). */
int cpng_reader_read(cpng_reader *reader, int channels, int factor, uint8_t *out, size_t stride);

const char *cpng_reader_error(const cpng_reader *reader);
int cpng_reader_was_cancelled(const cpng_reader *reader);
int cpng_reader_was_truncated(const cpng_reader *reader);

#ifdef __cplusplus
}
#endif

#endif
