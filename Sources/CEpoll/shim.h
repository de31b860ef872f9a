// Linux readiness APIs that Glibc's Swift module does not export. Header-only: nothing is linked.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>

// prctl is variadic, which Swift cannot call.
static inline int cepoll_set_thread_name(const char *name) { return prctl(PR_SET_NAME, name, 0, 0, 0); }

#include <sys/ioctl.h>
#include <sys/socket.h>

// ioctl is variadic too. Bytes queued in the kernel for reading, or -1.
static inline int cepoll_bytes_readable(int fd) {
    int count = 0;
    return ioctl(fd, FIONREAD, &count) == 0 ? count : -1;
}

// accept4 is a GNU extension that Glibc's Swift module hides without _GNU_SOURCE; accepting straight
// into a non-blocking, close-on-exec socket saves two fcntl calls per connection and a fork race.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
static inline int cepoll_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}
