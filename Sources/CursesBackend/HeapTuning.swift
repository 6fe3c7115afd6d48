#if canImport(Glibc)
import Glibc

/// glibc's `malloc_trim` and `mallopt`, which Swift's Glibc module does not import, looked up
/// once by name. Elsewhere these are no-ops.
public enum HeapTuning {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    /// The functions' addresses (0 when missing), kept as integers so they are plain values.
    private static let addresses: (trim: Int, option: Int) = {
        let program = dlopen(nil, RTLD_NOW)
        return (Int(bitPattern: dlsym(program, "malloc_trim")), Int(bitPattern: dlsym(program, "mallopt")))
    }()

    /// At most `count` malloc arenas: glibc makes up to 8 per core, one per thread that
    /// allocates at the same time as another, and each keeps its freed memory.
    public static func limitArenas(to count: Int32) {
        guard addresses.option != 0 else { return }
        _ = unsafeBitCast(addresses.option, to: Option.self)(-8 /* M_ARENA_MAX */, count)
    }

    /// Gives freed heap memory back to the kernel (after a big folder listing is replaced).
    public static func trim() {
        guard addresses.trim != 0 else { return }
        _ = unsafeBitCast(addresses.trim, to: Trim.self)(0)
    }
}
#else
public enum HeapTuning {
    public static func limitArenas(to count: Int32) {}
    public static func trim() {}
}
#endif
