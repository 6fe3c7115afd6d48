#ifndef IDEOGRAM_CNCURSES_SHIM_H
#define IDEOGRAM_CNCURSES_SHIM_H

// The wide-character API (get_wch, setcchar, mvwadd_wch) only exists with this set first.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Swift 6 refuses the C globals (LINES, COLS, stdscr, COLORS, COLOR_PAIRS) as not
// concurrency-safe, and cannot import function-like macros: these getters stand in for both.

static inline WINDOW *ideo_stdscr(void) { return stdscr; }
static inline int ideo_colors(void) { return COLORS; }
static inline int ideo_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t ideo_a_normal(void) { return A_NORMAL; }
static inline attr_t ideo_a_bold(void) { return A_BOLD; }
static inline attr_t ideo_a_dim(void) { return A_DIM; }
static inline attr_t ideo_a_reverse(void) { return A_REVERSE; }
static inline attr_t ideo_a_underline(void) { return A_UNDERLINE; }

static inline int ideo_err(void) { return ERR; }
static inline int ideo_ok(void) { return OK; }
static inline int ideo_key_code_yes(void) { return KEY_CODE_YES; }

static inline int ideo_key_up(void) { return KEY_UP; }
static inline int ideo_key_down(void) { return KEY_DOWN; }
static inline int ideo_key_left(void) { return KEY_LEFT; }
static inline int ideo_key_right(void) { return KEY_RIGHT; }
static inline int ideo_key_shift_up(void) { return KEY_SR; }
static inline int ideo_key_shift_down(void) { return KEY_SF; }
static inline int ideo_key_shift_left(void) { return KEY_SLEFT; }
static inline int ideo_key_shift_right(void) { return KEY_SRIGHT; }
static inline int ideo_key_home(void) { return KEY_HOME; }
static inline int ideo_key_end(void) { return KEY_END; }
static inline int ideo_key_ppage(void) { return KEY_PPAGE; }
static inline int ideo_key_npage(void) { return KEY_NPAGE; }
static inline int ideo_key_backspace(void) { return KEY_BACKSPACE; }
static inline int ideo_key_dc(void) { return KEY_DC; }
static inline int ideo_key_ic(void) { return KEY_IC; }
static inline int ideo_key_enter(void) { return KEY_ENTER; }
static inline int ideo_key_btab(void) { return KEY_BTAB; }
static inline int ideo_key_resize(void) { return KEY_RESIZE; }
static inline int ideo_key_mouse(void) { return KEY_MOUSE; }
static inline int ideo_key_f0(void) { return KEY_F0; }
// Ctrl-arrows have no fixed code: ncurses numbers the terminal's extended key capabilities
// (kLFT5, kRIT5) when it starts, so ask which code xterm's sequence was given (0: none).
static inline int ideo_key_ctrl_left(void) { return key_defined("\033[1;5D"); }
static inline int ideo_key_ctrl_right(void) { return key_defined("\033[1;5C"); }

static inline mmask_t ideo_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON3_CLICKED
        | BUTTON3_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int ideo_mouse_is_left(mmask_t s) { return (s & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) != 0; }
static inline int ideo_mouse_is_double(mmask_t s) { return (s & BUTTON1_DOUBLE_CLICKED) != 0; }
static inline int ideo_mouse_is_right(mmask_t s) { return (s & (BUTTON3_PRESSED | BUTTON3_CLICKED)) != 0; }
static inline int ideo_mouse_is_wheel_up(mmask_t s) { return (s & BUTTON4_PRESSED) != 0; }
static inline int ideo_mouse_is_wheel_down(mmask_t s) { return (s & BUTTON5_PRESSED) != 0; }

// setcchar with a colour pair number. The X/Open signature's pair is a short; ncurses takes
// an int through `opts` (its extended colours), so pairs past 32767 work too.
static inline int ideo_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    int extended = pair;
    return setcchar(cell, text, attrs, 0, &extended);
}

// init_pair's arguments are shorts; the extended form takes ints (pairs up to COLOR_PAIRS).
static inline int ideo_init_pair(int pair, int foreground, int background) {
    return init_extended_pair(pair, foreground, background);
}

#endif
