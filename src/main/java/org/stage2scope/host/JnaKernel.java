package org.stage2scope.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link Kernel} through libc, loaded with JNA on first use. */
public final class JnaKernel implements Kernel {

    /** The libc functions used; LastErrorException carries errno. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int ioctl(int fd, NativeLong request, NativeLong arg) throws LastErrorException;

        int ioctl(int fd, NativeLong request, Pointer arg) throws LastErrorException;

        Pointer mmap(Pointer addr, NativeLong length, int prot, int flags, int fd, NativeLong offset) throws LastErrorException;

        int munmap(Pointer addr, NativeLong length) throws LastErrorException;

        int memfd_create(String name, int flags) throws LastErrorException;

        int ftruncate(int fd, NativeLong length) throws LastErrorException;

        int uname(byte[] buf) throws LastErrorException;

        NativeLong sysconf(int name);
    }

    /** struct utsname on Linux: six fields of _UTSNAME_LENGTH (65) bytes. */
    private static final int UTS_FIELD = 65;
    private static final int SC_PAGESIZE = 30;
    private static final long MAP_FAILED = -1L;

    private final LibC libc;

    private JnaKernel(LibC libc) {
        this.libc = libc;
    }

    /** The real kernel; IllegalStateException with the reason when libc cannot be loaded (not Linux, no JNA native). */
    public static JnaKernel load() {
        try {
            return new JnaKernel(Native.load("c", LibC.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("cannot reach libc through JNA: " + e.getMessage(), e);
        }
    }

    @Override
    public int open(String path) {
        try {
            return libc.open(path, KvmAbi.O_RDWR | KvmAbi.O_CLOEXEC);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int close(int fd) {
        try {
            return libc.close(fd);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long ioctl(int fd, long request, long arg) {
        try {
            return libc.ioctl(fd, new NativeLong(request), new NativeLong(arg));
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long ioctl(int fd, long request, byte[] struct) {
        try (Memory m = new Memory(struct.length)) {
            m.write(0, struct, 0, struct.length);
            try {
                int r = libc.ioctl(fd, new NativeLong(request), m);
                m.read(0, struct, 0, struct.length);
                return r;
            } catch (LastErrorException e) {
                return -e.getErrorCode();
            }
        }
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            Pointer p = libc.mmap(addr == 0 ? null : new Pointer(addr), new NativeLong(length), prot, flags, fd,
                    new NativeLong(offset));
            long a = Pointer.nativeValue(p);
            return a == MAP_FAILED ? -Kernel.EINVAL : a;
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int munmap(long addr, long length) {
        try {
            return libc.munmap(new Pointer(addr), new NativeLong(length));
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int memfdCreate(String name) {
        try {
            return libc.memfd_create(name, KvmAbi.MFD_CLOEXEC);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int ftruncate(int fd, long length) {
        try {
            return libc.ftruncate(fd, new NativeLong(length));
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public Uname uname() {
        byte[] buf = new byte[6 * UTS_FIELD];
        try {
            libc.uname(buf);
        } catch (LastErrorException e) {
            return new Uname("", "", "");
        }
        return new Uname(field(buf, 0), field(buf, 2), field(buf, 4));
    }

    private static String field(byte[] buf, int index) {
        int start = index * UTS_FIELD;
        int end = start;
        while (end < start + UTS_FIELD && buf[end] != 0) {
            end++;
        }
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public long pageSize() {
        return libc.sysconf(SC_PAGESIZE).longValue();
    }

    @Override
    public String readText(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
