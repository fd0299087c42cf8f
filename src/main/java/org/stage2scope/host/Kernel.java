package org.stage2scope.host;

/**
 * The few system calls probe and replay make, in the kernel's own convention: each returns its
 * result, or -errno when it fails (mmap addresses are below 2^63, so they never look negative).
 * {@link JnaKernel} makes the real calls; tests use a double that records every open and map, so
 * they can check that each one is closed or unmapped again.
 */
public interface Kernel {
    int ENOENT = 2;
    int EBADF = 9;
    int ENOMEM = 12;
    int EACCES = 13;
    int EFAULT = 14;
    int EBUSY = 16;
    int EEXIST = 17;
    int ENXIO = 6;
    int ENODEV = 19;
    int EINVAL = 22;
    int ENOTTY = 25;
    int E2BIG = 7;
    int EPERM = 1;
    int EOPNOTSUPP = 95;

    /** open(path, O_RDWR | O_CLOEXEC): a file descriptor or -errno. */
    int open(String path);

    /** close(fd): 0 or -errno. */
    int close(int fd);

    /** ioctl(fd, request, arg) with an integer argument: the ioctl's result or -errno. */
    long ioctl(int fd, long request, long arg);

    /** ioctl(fd, request, &struct): the ioctl's result or -errno; the struct is copied in and back. */
    long ioctl(int fd, long request, byte[] struct);

    /** mmap(addr, length, prot, flags, fd, offset): the address or -errno. */
    long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    /** munmap(addr, length): 0 or -errno. */
    int munmap(long addr, long length);

    /** memfd_create(name, MFD_CLOEXEC): a file descriptor or -errno. */
    int memfdCreate(String name);

    /** ftruncate(fd, length): 0 or -errno. */
    int ftruncate(int fd, long length);

    /** uname(2): release and machine. */
    Uname uname();

    /** sysconf(_SC_PAGESIZE). */
    long pageSize();

    /** A small text file such as /proc/cpuinfo, or null when it cannot be read. */
    String readText(String path);

    record Uname(String sysname, String release, String machine) {}

    /** What strerror would say, in the words a kernel engineer expects in one sentence. */
    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "no such file";
            case ENXIO, ENODEV -> "no such device";
            case EACCES, EPERM -> "permission denied";
            case EINVAL -> "invalid argument";
            case EEXIST -> "file exists";
            case ENOMEM -> "out of memory";
            case EFAULT -> "bad address";
            case EBUSY -> "device or resource busy";
            case ENOTTY -> "inappropriate ioctl for device";
            case E2BIG -> "argument list too long";
            case EOPNOTSUPP -> "operation not supported";
            default -> "errno " + errno;
        };
    }

    /** The errno's symbolic name, as the kernel's headers spell it. */
    static String errnoName(int errno) {
        return switch (errno) {
            case ENOENT -> "ENOENT";
            case ENXIO -> "ENXIO";
            case ENODEV -> "ENODEV";
            case EACCES -> "EACCES";
            case EPERM -> "EPERM";
            case EINVAL -> "EINVAL";
            case EEXIST -> "EEXIST";
            case ENOMEM -> "ENOMEM";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENOTTY -> "ENOTTY";
            case E2BIG -> "E2BIG";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
