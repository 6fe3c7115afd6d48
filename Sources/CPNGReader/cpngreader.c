#include "cpngreader.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

struct cpng_reader {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    const cjpeg_cancel_flag *cancel;
    char message[200];
    int cancelled;
    int truncated;
    int header_read;
    /* Freed by destroy, so a longjmp out of a read leaks nothing. */
    uint8_t *row;
    uint8_t *image;
    uint64_t *sums;
};

static void reader_error(png_structp png, png_const_charp message) {
    cpng_reader *reader = png_get_error_ptr(png);
    if (reader && !reader->truncated && !reader->cancelled)
        snprintf(reader->message, sizeof reader->message, "%s", message ? message : "libpng error");
    png_longjmp(png, 1);
}

static void reader_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message; /* never printed */
}

static void reader_read(png_structp png, png_bytep out, size_t length) {
    cpng_reader *reader = png_get_io_ptr(png);
    if (length > reader->size - reader->offset) {
        reader->truncated = 1;
        snprintf(reader->message, sizeof reader->message, "the file ends before the image does (truncated)");
        png_error(png, "truncated");
    }
    memcpy(out, reader->data + reader->offset, length);
    reader->offset += length;
}

cpng_reader *cpng_reader_create(const uint8_t *data, size_t size, const cjpeg_cancel_flag *cancel) {
    cpng_reader *reader = calloc(1, sizeof *reader);
    if (!reader) return NULL;
    reader->data = data;
    reader->size = size;
    reader->cancel = cancel;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, reader_error, reader_warning);
    if (!reader->png) { free(reader); return NULL; }
    reader->info = png_create_info_struct(reader->png);
    if (!reader->info) { png_destroy_read_struct(&reader->png, NULL, NULL); free(reader); return NULL; }
    png_set_read_fn(reader->png, reader, reader_read);
#ifdef PNG_IGNORE_ADLER32
    /* As browsers do: the zlib checksum costs time and a preview gains nothing from it. */
    png_set_option(reader->png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    return reader;
}

void cpng_reader_destroy(cpng_reader *reader) {
    if (!reader) return;
    png_destroy_read_struct(&reader->png, &reader->info, NULL);
    free(reader->row);
    free(reader->image);
    free(reader->sums);
    free(reader);
}

int cpng_reader_read_header(cpng_reader *reader, cpng_header *header) {
    if (setjmp(png_jmpbuf(reader->png))) return -1;
    png_read_info(reader->png, reader->info);
    reader->header_read = 1;
    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(reader->png, reader->info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    header->width = (int)width;
    header->height = (int)height;
    header->bit_depth = bit_depth;
    header->color_type = color_type;
    header->interlaced = interlace != PNG_INTERLACE_NONE;
    header->has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) || png_get_valid(reader->png, reader->info, PNG_INFO_tRNS);
    return 0;
}

static int check_cancel(cpng_reader *reader) {
    if (cjpeg_cancel_flag_is_set(reader->cancel)) {
        reader->cancelled = 1;
        snprintf(reader->message, sizeof reader->message, "cancelled");
        return 1;
    }
    return 0;
}

/* Adds one decoded row (width pixels of `channels`) into the per-column sums. */
static void accumulate(uint64_t *sums, const uint8_t *row, int out_width, int factor, int channels) {
    const uint8_t *p = row;
    for (int x = 0; x < out_width; x++) {
        uint64_t r = 0, g = 0, b = 0, a = 0;
        if (channels == 4) {
            for (int i = 0; i < factor; i++, p += 4) {
                uint64_t alpha = p[3];
                r += p[0] * alpha; g += p[1] * alpha; b += p[2] * alpha; a += alpha;
            }
        } else {
            for (int i = 0; i < factor; i++, p += 3) { r += p[0]; g += p[1]; b += p[2]; }
        }
        sums[x * 4] += r; sums[x * 4 + 1] += g; sums[x * 4 + 2] += b; sums[x * 4 + 3] += a;
    }
}

static void emit(const uint64_t *sums, uint8_t *out, int out_width, int factor, int channels) {
    const uint64_t area = (uint64_t)factor * (uint64_t)factor;
    for (int x = 0; x < out_width; x++, out += channels) {
        const uint64_t *s = sums + x * 4;
        if (channels == 4) {
            uint64_t alpha = s[3];
            if (alpha == 0) { out[0] = out[1] = out[2] = out[3] = 0; continue; }
            out[0] = (uint8_t)((s[0] + alpha / 2) / alpha);
            out[1] = (uint8_t)((s[1] + alpha / 2) / alpha);
            out[2] = (uint8_t)((s[2] + alpha / 2) / alpha);
            out[3] = (uint8_t)((alpha + area / 2) / area);
        } else {
            out[0] = (uint8_t)((s[0] + area / 2) / area);
            out[1] = (uint8_t)((s[1] + area / 2) / area);
            out[2] = (uint8_t)((s[2] + area / 2) / area);
        }
    }
}

int cpng_reader_read(cpng_reader *reader, int channels, int factor, uint8_t *out, size_t stride) {
    if (setjmp(png_jmpbuf(reader->png))) return -1;
    png_structp png = reader->png;
    png_infop info = reader->info;
    if (!reader->header_read || (channels != 3 && channels != 4) || factor < 1) {
        snprintf(reader->message, sizeof reader->message, "bad decoding parameters");
        return -1;
    }
    const int width = (int)png_get_image_width(png, info), height = (int)png_get_image_height(png, info);
    const int out_width = width / factor, out_height = height / factor;
    if (out_width < 1 || out_height < 1) {
        snprintf(reader->message, sizeof reader->message, "the image is smaller than the reduction");
        return -1;
    }
    png_set_expand(png);          /* palette to RGB, low-bit grey to 8 bits, tRNS to alpha */
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    if (channels == 4) png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    else png_set_strip_alpha(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const size_t rowbytes = png_get_rowbytes(png, info);
    if (rowbytes != (size_t)width * (size_t)channels) {
        snprintf(reader->message, sizeof reader->message, "unexpected row layout");
        return -1;
    }
    const size_t sums_count = (size_t)out_width * 4;
    reader->sums = calloc(sums_count, sizeof *reader->sums);
    if (!reader->sums) { snprintf(reader->message, sizeof reader->message, "out of memory"); return -1; }

    if (passes > 1) {
        /* Interlaced: the passes refine the whole picture, so it is read whole first. */
        reader->image = malloc(rowbytes * (size_t)height);
        if (!reader->image) { snprintf(reader->message, sizeof reader->message, "out of memory"); return -1; }
        for (int pass = 0; pass < passes; pass++) {
            for (int y = 0; y < height; y++) {
                if (check_cancel(reader)) return -1;
                png_read_row(png, reader->image + rowbytes * (size_t)y, NULL);
            }
        }
        for (int oy = 0; oy < out_height; oy++) {
            memset(reader->sums, 0, sums_count * sizeof *reader->sums);
            for (int dy = 0; dy < factor; dy++)
                accumulate(reader->sums, reader->image + rowbytes * (size_t)(oy * factor + dy), out_width, factor, channels);
            emit(reader->sums, out + stride * (size_t)oy, out_width, factor, channels);
        }
        return 0;
    }

    if (factor == 1) {
        for (int y = 0; y < height; y++) {
            if (check_cancel(reader)) return -1;
            png_read_row(png, out + stride * (size_t)y, NULL);
        }
        return 0;
    }
    reader->row = malloc(rowbytes);
    if (!reader->row) { snprintf(reader->message, sizeof reader->message, "out of memory"); return -1; }
    for (int oy = 0; oy < out_height; oy++) {
        memset(reader->sums, 0, sums_count * sizeof *reader->sums);
        for (int dy = 0; dy < factor; dy++) {
            if (check_cancel(reader)) return -1;
            png_read_row(png, reader->row, NULL);
            accumulate(reader->sums, reader->row, out_width, factor, channels);
        }
        emit(reader->sums, out + stride * (size_t)oy, out_width, factor, channels);
    }
    /* The last height % factor rows are not needed: not decoded. */
    return 0;
}

const char *cpng_reader_error(const cpng_reader *reader) { return reader->message; }
int cpng_reader_was_cancelled(const cpng_reader *reader) { return reader->cancelled; }
int cpng_reader_was_truncated(const cpng_reader *reader) { return reader->truncated; }
