#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H

/* libjpeg-turbo behind a small, safe C surface for Swift.
 *
 * libjpeg's default error handler calls exit(), and its API reports errors by longjmp-ing
 * out of the library. Every function here sets up its own setjmp, so no error ever leaves a
 * libjpeg call stack by any other way: each returns 0 on success or -1 with a one-line
 * message in cjpeg_decoder_error(). Nothing is printed to stdout or stderr. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A cancellation flag that any thread may set while a decode runs on another (C11 atomic). */
typedef struct cjpeg_cancel_flag cjpeg_cancel_flag;
cjpeg_cancel_flag *cjpeg_cancel_flag_create(void);
void cjpeg_cancel_flag_set(cjpeg_cancel_flag *flag);
int cjpeg_cancel_flag_is_set(const cjpeg_cancel_flag *flag);
void cjpeg_cancel_flag_destroy(cjpeg_cancel_flag *flag);

enum {
    CJPEG_COLOR_UNKNOWN = 0,
    CJPEG_COLOR_GRAY = 1,
    CJPEG_COLOR_RGB = 2,
    CJPEG_COLOR_YCBCR = 3,
    CJPEG_COLOR_CMYK = 4,
    CJPEG_COLOR_YCCK = 5,
};

typedef struct {
    int width;
    int height;
    int components;
    int color_space;     /* CJPEG_COLOR_* as stored in the file */
    int progressive;
} cjpeg_header;

typedef struct cjpeg_decoder cjpeg_decoder;

/* `data` must stay valid and unchanged until cjpeg_decoder_destroy. `cancel` may be NULL; it
 * is checked between scanlines and by libjpeg's progress monitor (so during the absorption of
 * a progressive file's scans too). `max_memory` caps libjpeg's own allocations (0: no cap). */
cjpeg_decoder *cjpeg_decoder_create(const uint8_t *data, size_t size, const cjpeg_cancel_flag *cancel,
                                    long max_memory);
void cjpeg_decoder_destroy(cjpeg_decoder *decoder);

/* Reads the markers up to the first scan; allocates no image memory. */
int cjpeg_decoder_read_header(cjpeg_decoder *decoder, cjpeg_header *header);

/* Starts decompression at scale_num/8 of the full size (1...16), with RGB output. Gives the
 * output size; call after cjpeg_decoder_read_header. */
int cjpeg_decoder_start(cjpeg_decoder *decoder, int scale_num, int *out_width, int *out_height);

/* Reads every scanline as packed RGB (3 bytes a pixel) into `rgb`, rows `stride` bytes apart;
 * CMYK and YCCK are converted (Adobe's inverted CMYK included). */
int cjpeg_decoder_read_rgb(cjpeg_decoder *decoder, uint8_t *rgb, size_t stride);

/* The last error's one-line message ("" when none). */
const char *cjpeg_decoder_error(const cjpeg_decoder *decoder);
/* 1 when the last failure was a cancellation. */
int cjpeg_decoder_was_cancelled(const cjpeg_decoder *decoder);
/* 1 when the file ended before its image did (libjpeg's "premature end" warning). */
int cjpeg_decoder_was_truncated(const cjpeg_decoder *decoder);
/* A progressive file with more scans than this is refused (a known way to make a tiny file
 * cost minutes of CPU). */
enum { CJPEG_MAX_SCANS = 1000 };

/* Encoding (used by tests to make their own images). `components` is 1 (gray), 3 (RGB) or
 * 4 (CMYK, stored as given: pass Adobe-style inverted values). `stored_color_space` picks
 * how the file stores it: CJPEG_COLOR_UNKNOWN for libjpeg's default, or CJPEG_COLOR_YCCK for
 * CMYK input. On success *out is malloc'd (free with cjpeg_free). */
int cjpeg_encode(const uint8_t *pixels, int width, int height, int components, int stored_color_space,
                 int quality, int progressive, uint8_t **out, size_t *out_size,
                 char *error, size_t error_size);
void cjpeg_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
