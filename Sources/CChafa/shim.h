// libchafa's canvas API (pixels to character cells). Its headers need glib's: the include
// paths come from `pkg-config chafa` (pkgConfig: "chafa" in Package.swift).
#include <chafa.h>
