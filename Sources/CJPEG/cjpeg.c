#include "cjpeg.h"

#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

struct cjpeg_cancel_flag {
    atomic_int value;
};

cjpeg_cancel_flag *cjpeg_cancel_flag_create(void) {
    cjpeg_cancel_flag *flag = malloc(sizeof *flag);
    if (flag) atomic_init(&flag->value, 0);
    return flag;
}

void cjpeg_cancel_flag_set(cjpeg_cancel_flag *flag) {
    if (flag) atomic_store_explicit(&flag->value, 1, memory_order_relaxed);
}

int cjpeg_cancel_flag_is_set(const cjpeg_cancel_flag *flag) {
    return flag ? atomic_load_explicit(&((cjpeg_cancel_flag *)flag)->value, memory_order_relaxed) : 0;
}

void cjpeg_cancel_flag_destroy(cjpeg_cancel_flag *flag) { free(flag); }

/* ---- errors ---------------------------------------------------------------------------- */

struct shim_error {
    struct jpeg_error_mgr pub;   /* must be first: libjpeg sees only this part */
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX + 64];
    int cancelled;
    int truncated;
};

static void shim_error_exit(j_common_ptr cinfo) {
    struct shim_error *err = (struct shim_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    snprintf(err->message, sizeof err->message, "%s", text);
    longjmp(err->jump, 1);
}

static void shim_emit_message(j_common_ptr cinfo, int level) {
    struct shim_error *err = (struct shim_error *)cinfo->err;
    if (level >= 0) return;  /* trace messages: ignored */
    err->pub.num_warnings++;
    if (err->pub.msg_code == JWRN_JPEG_EOF) {
        /* The memory source has run dry and would feed fake EOIs: stop here instead of
         * decoding grey for the rest of the image. */
        err->truncated = 1;
        snprintf(err->message, sizeof err->message, "the file ends before the image does (truncated)");
        longjmp(err->jump, 1);
    }
}

static void shim_output_message(j_common_ptr cinfo) { (void)cinfo; /* never print */ }

static void shim_init_error(struct shim_error *err) {
    memset(err, 0, sizeof *err);
    jpeg_std_error(&err->pub);
    err->pub.error_exit = shim_error_exit;
    err->pub.emit_message = shim_emit_message;
    err->pub.output_message = shim_output_message;
}

/* ---- decoding -------------------------------------------------------------------------- */

struct cjpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    struct shim_error err;
    struct jpeg_progress_mgr progress;
    const cjpeg_cancel_flag *cancel;
    int created;
    int started;
    unsigned char *row;  /* CMYK staging row, freed by destroy */
};

static void shim_progress(j_common_ptr cinfo) {
    cjpeg_decoder *decoder = (cjpeg_decoder *)cinfo->client_data;
    if (cjpeg_cancel_flag_is_set(decoder->cancel)) {
        decoder->err.cancelled = 1;
        snprintf(decoder->err.message, sizeof decoder->err.message, "cancelled");
        longjmp(decoder->err.jump, 1);
    }
    if (decoder->cinfo.input_scan_number > CJPEG_MAX_SCANS) {
        snprintf(decoder->err.message, sizeof decoder->err.message,
                 "more than %d progressive scans", CJPEG_MAX_SCANS);
        longjmp(decoder->err.jump, 1);
    }
}

cjpeg_decoder *cjpeg_decoder_create(const uint8_t *data, size_t size, const cjpeg_cancel_flag *cancel,
                                    long max_memory) {
    cjpeg_decoder *decoder = calloc(1, sizeof *decoder);
    if (!decoder) return NULL;
    shim_init_error(&decoder->err);
    decoder->cancel = cancel;
    decoder->cinfo.err = &decoder->err.pub;
    if (setjmp(decoder->err.jump)) {
        if (decoder->created) jpeg_destroy_decompress(&decoder->cinfo);
        free(decoder);
        return NULL;
    }
    jpeg_create_decompress(&decoder->cinfo);
    decoder->created = 1;
    decoder->cinfo.client_data = decoder;
    decoder->progress.progress_monitor = shim_progress;
    decoder->cinfo.progress = &decoder->progress;
    if (max_memory > 0) decoder->cinfo.mem->max_memory_to_use = max_memory;
    jpeg_mem_src(&decoder->cinfo, data, (unsigned long)size);
    return decoder;
}

void cjpeg_decoder_destroy(cjpeg_decoder *decoder) {
    if (!decoder) return;
    if (decoder->created) jpeg_destroy_decompress(&decoder->cinfo);
    free(decoder->row);
    free(decoder);
}

static int map_color_space(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return CJPEG_COLOR_GRAY;
    case JCS_RGB: return CJPEG_COLOR_RGB;
    case JCS_YCbCr: return CJPEG_COLOR_YCBCR;
    case JCS_CMYK: return CJPEG_COLOR_CMYK;
    case JCS_YCCK: return CJPEG_COLOR_YCCK;
    default: return CJPEG_COLOR_UNKNOWN;
    }
}

int cjpeg_decoder_read_header(cjpeg_decoder *decoder, cjpeg_header *header) {
    if (setjmp(decoder->err.jump)) return -1;
    int result = jpeg_read_header(&decoder->cinfo, TRUE);
    if (result != JPEG_HEADER_OK) {
        snprintf(decoder->err.message, sizeof decoder->err.message, "no image in the JPEG data");
        return -1;
    }
    header->width = (int)decoder->cinfo.image_width;
    header->height = (int)decoder->cinfo.image_height;
    header->components = decoder->cinfo.num_components;
    header->color_space = map_color_space(decoder->cinfo.jpeg_color_space);
    header->progressive = decoder->cinfo.progressive_mode ? 1 : 0;
    return 0;
}

int cjpeg_decoder_start(cjpeg_decoder *decoder, int scale_num, int *out_width, int *out_height) {
    if (setjmp(decoder->err.jump)) return -1;
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (scale_num < 1) scale_num = 1;
    if (scale_num > 16) scale_num = 16;
    cinfo->scale_num = (unsigned int)scale_num;
    cinfo->scale_denom = 8;
    switch (cinfo->jpeg_color_space) {
    case JCS_CMYK:
    case JCS_YCCK:
        cinfo->out_color_space = JCS_CMYK;
        break;
    default:
        cinfo->out_color_space = JCS_EXT_RGB;
        break;
    }
    cinfo->do_fancy_upsampling = FALSE;  /* a preview is resampled again anyway */
    jpeg_start_decompress(cinfo);
    decoder->started = 1;
    int components = cinfo->out_color_space == JCS_CMYK ? 4 : 3;
    if (cinfo->output_components != components) {
        snprintf(decoder->err.message, sizeof decoder->err.message, "unexpected JPEG output layout");
        return -1;
    }
    *out_width = (int)cinfo->output_width;
    *out_height = (int)cinfo->output_height;
    return 0;
}

static inline uint8_t mul255(unsigned a, unsigned b) { return (uint8_t)((a * b + 127) / 255); }

int cjpeg_decoder_read_rgb(cjpeg_decoder *decoder, uint8_t *rgb, size_t stride) {
    if (setjmp(decoder->err.jump)) return -1;
    struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (!decoder->started) {
        snprintf(decoder->err.message, sizeof decoder->err.message, "decoding was not started");
        return -1;
    }
    const int cmyk = cinfo->out_color_space == JCS_CMYK;
    const int inverted = cinfo->saw_Adobe_marker;  /* Adobe writes CMYK inverted */
    const JDIMENSION width = cinfo->output_width;
    if (cmyk && !decoder->row) {
        decoder->row = malloc((size_t)width * 4);
        if (!decoder->row) {
            snprintf(decoder->err.message, sizeof decoder->err.message, "out of memory");
            return -1;
        }
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        if (cjpeg_cancel_flag_is_set(decoder->cancel)) {
            decoder->err.cancelled = 1;
            snprintf(decoder->err.message, sizeof decoder->err.message, "cancelled");
            return -1;
        }
        uint8_t *dest = rgb + (size_t)cinfo->output_scanline * stride;
        JSAMPROW row = cmyk ? decoder->row : dest;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            snprintf(decoder->err.message, sizeof decoder->err.message, "the JPEG decoder stopped early");
            return -1;
        }
        if (cmyk) {
            const uint8_t *src = decoder->row;
            for (JDIMENSION x = 0; x < width; x++, src += 4, dest += 3) {
                unsigned c = src[0], m = src[1], y = src[2], k = src[3];
                if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
                dest[0] = mul255(c, k);
                dest[1] = mul255(m, k);
                dest[2] = mul255(y, k);
            }
        }
    }
    return 0;
}

const char *cjpeg_decoder_error(const cjpeg_decoder *decoder) { return decoder->err.message; }
int cjpeg_decoder_was_cancelled(const cjpeg_decoder *decoder) { return decoder->err.cancelled; }
int cjpeg_decoder_was_truncated(const cjpeg_decoder *decoder) { return decoder->err.truncated; }

/* ---- encoding (tests) ------------------------------------------------------------------ */

int cjpeg_encode(const uint8_t *pixels, int width, int height, int components, int stored_color_space,
                 int quality, int progressive, uint8_t **out, size_t *out_size,
                 char *error, size_t error_size) {
    struct jpeg_compress_struct cinfo;
    struct shim_error err;
    /* Both escape to libjpeg by address, so they are read from memory after a longjmp. */
    unsigned char *mem = NULL;
    unsigned long size = 0;
    volatile int created = 0;
    shim_init_error(&err);
    cinfo.err = &err.pub;
    *out = NULL;
    *out_size = 0;
    if (setjmp(err.jump)) {
        if (error && error_size) snprintf(error, error_size, "%s", err.message);
        if (created) jpeg_destroy_compress(&cinfo);
        free(mem);
        return -1;
    }
    if (components != 1 && components != 3 && components != 4) {
        snprintf(err.message, sizeof err.message, "components must be 1, 3 or 4");
        longjmp(err.jump, 1);
    }
    jpeg_create_compress(&cinfo);
    created = 1;
    jpeg_mem_dest(&cinfo, &mem, &size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    if (stored_color_space == CJPEG_COLOR_YCCK && components == 4) jpeg_set_colorspace(&cinfo, JCS_YCCK);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * (size_t)width * (size_t)components);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = mem;
    *out_size = size;
    return 0;
}

void cjpeg_free(void *pointer) { free(pointer); }
