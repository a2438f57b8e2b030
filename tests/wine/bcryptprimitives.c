/*
 * A stand-in for Windows' bcryptprimitives.dll, FOR TESTS UNDER WINE ONLY; never shipped.
 *
 * Rust's standard library gets random bytes (for HashMap seeds) from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and later have and Debian's Wine 8 lacks; without it the
 * .exe cannot start under Wine. This DLL exports ProcessPrng and answers it with
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * Built by scripts/windows-ci.sh:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c \
 *       bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

/* RtlGenRandom; declared here because ntsecapi.h names it only through a macro. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Fills `data` with `length` random bytes; TRUE on success, as on Windows. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
