// fork + exec of a job's child (child.hpp). Between fork and exec the child of a
// multithreaded parent may only make async-signal-safe calls: everything it needs
// (argv, the /dev/null descriptor, the pipes) is prepared before fork.

#include "child.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace corridor::jobs {

namespace {

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
}

// dup2 onto `target`, clearing close-on-exec also when fd already is target.
void move_fd(int fd, int target) {
  if (fd == target)
    fcntl(fd, F_SETFD, 0);
  else
    dup2(fd, target);
}

[[noreturn]] void exec_child(const char* path,
                             char* const argv[],
                             char* const envp[],
                             int devnull,
                             int out_w,
                             int prog_w,
                             int err_w,
                             const ChildLimits& limits) {
  setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s : {SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGCHLD}) signal(s, SIG_DFL);
  // prog_w first: it may be 1 or 2 itself in a process whose standard streams are closed.
  const int prog = fcntl(prog_w, F_DUPFD_CLOEXEC, 10);
  const int out = fcntl(out_w, F_DUPFD_CLOEXEC, 10);
  move_fd(devnull, 0);
  move_fd(out, 1);
  move_fd(out, 2);
  move_fd(prog, 3);
  // Every other descriptor of the server (sockets, database files) closes on exec.
  syscall(SYS_close_range, 4U, ~0U, CLOSE_RANGE_CLOEXEC);
  if (limits.memory_bytes > 0) {
    const rlimit r{limits.memory_bytes, limits.memory_bytes};
    setrlimit(RLIMIT_AS, &r);
  }
  if (limits.cpu_seconds > 0) {
    const auto s = static_cast<rlim_t>(std::ceil(limits.cpu_seconds));
    const rlimit r{s, s + 5};  // SIGXCPU at the soft limit, SIGKILL 5 s later
    setrlimit(RLIMIT_CPU, &r);
  }
  if (limits.nice > 0) {
    // A batch job yields the CPU to the server's requests; it still gets every cycle
    // nobody else wants.
    const int current = getpriority(PRIO_PROCESS, 0);
    setpriority(PRIO_PROCESS, 0, std::min(19, current + limits.nice));
  }
  execve(path, argv, envp);
  const int e = errno;
  (void)!write(err_w, &e, sizeof e);
  _exit(127);
}

// The child sees a few variables of the server's environment, never the rest (a
// database password in PGPASSWORD, tokens): locale, time zone, paths, sanitizer options.
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (const char* name : {"PATH",
                           "HOME",
                           "LANG",
                           "LC_ALL",
                           "TZ",
                           "TMPDIR",
                           "ASAN_OPTIONS",
                           "UBSAN_OPTIONS",
                           "LSAN_OPTIONS"})
    if (const char* v = std::getenv(name)) env.push_back(std::string(name) + "=" + v);
  return env;
}

struct Pipe {
  int r = -1, w = -1;
  bool open() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    r = fds[0];
    w = fds[1];
    return true;
  }
  void close_r() {
    if (r >= 0) ::close(r);
    r = -1;
  }
  void close_w() {
    if (w >= 0) ::close(w);
    w = -1;
  }
  ~Pipe() {
    close_r();
    close_w();
  }
};

// Reads what is there; false at end of file.
bool drain(int fd, std::string& into) {
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

void keep_tail(std::string& s, std::size_t n) {
  if (s.size() > 2 * n) s.erase(0, s.size() - n);
}

class Watch {
 public:
  Watch(pid_t pid, double grace, const ChildHooks& hooks)
      : pid_(pid), grace_(grace), hooks_(hooks) {}

  // Asks to stop when a hook says so; escalates to SIGKILL after the grace period.
  void check(ChildResult& r) {
    if (!r.stopped_because && hooks_.should_stop) {
      if (auto why = hooks_.should_stop()) {
        r.stopped_because = *why;
        ::kill(-pid_, SIGTERM);
        term_at_ = SteadyClock::now();
      }
    }
    if (r.stopped_because && !killed_ && seconds_since(term_at_) >= grace_) {
      ::kill(-pid_, SIGKILL);
      killed_ = true;
    }
  }

 private:
  pid_t pid_;
  double grace_;
  const ChildHooks& hooks_;
  SteadyClock::time_point term_at_{};
  bool killed_ = false;
};

void read_loop(pid_t pid,
               int out_r,
               int prog_r,
               double grace,
               std::size_t tail_bytes,
               const ChildHooks& hooks,
               ChildResult& r) {
  fcntl(out_r, F_SETFL, O_NONBLOCK);
  fcntl(prog_r, F_SETFL, O_NONBLOCK);
  std::string out, prog;
  bool out_open = true, prog_open = true;
  int status = 0;
  bool reaped = false;
  Watch watch(pid, grace, hooks);
  while (!reaped || out_open || prog_open) {
    pollfd fds[2] = {{out_open ? out_r : -1, POLLIN, 0}, {prog_open ? prog_r : -1, POLLIN, 0}};
    ::poll(fds, 2, 100);
    if (out_open) out_open = drain(out_r, out);
    keep_tail(out, tail_bytes);
    if (prog_open) prog_open = drain(prog_r, prog);
    for (std::size_t nl; (nl = prog.find('\n')) != std::string::npos; prog.erase(0, nl + 1))
      if (hooks.on_progress_line) hooks.on_progress_line(prog.substr(0, nl));
    if (!reaped) {
      watch.check(r);
      reaped = ::waitpid(pid, &status, WNOHANG) == pid;
      // A grandchild could keep the pipes open; the child is what the job is.
      if (reaped) {
        (void)drain(out_r, out);
        out_open = prog_open = false;
      }
    }
  }
  if (hooks.on_pid) hooks.on_pid(0);
  r.exited = WIFEXITED(status);
  r.exit_code = r.exited ? WEXITSTATUS(status) : 0;
  r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  if (out.size() > tail_bytes) out.erase(0, out.size() - tail_bytes);
  r.output_tail = valid_utf8(out);
}

}  // namespace

ChildResult run_child(const std::string& path,
                      const std::vector<std::string>& args,
                      const ChildLimits& limits,
                      double grace_seconds,
                      std::size_t tail_bytes,
                      const ChildHooks& hooks) {
  ChildResult r;
  std::vector<std::string> strs{path};
  strs.insert(strs.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : strs) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strs = child_environment();
  std::vector<char*> envp;
  for (auto& s : env_strs) envp.push_back(s.data());
  envp.push_back(nullptr);
  Pipe out, prog, err;
  const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull < 0 || !out.open() || !prog.open() || !err.open()) {
    r.start_error = std::string("cannot create pipes: ") + std::strerror(errno);
    if (devnull >= 0) ::close(devnull);
    return r;
  }
  const pid_t pid = fork();
  if (pid == 0)
    exec_child(path.c_str(), argv.data(), envp.data(), devnull, out.w, prog.w, err.w, limits);
  ::close(devnull);
  if (pid < 0) {
    r.start_error = std::string("fork failed: ") + std::strerror(errno);
    return r;
  }
  setpgid(pid, pid);  // also here, so that a signal sent right away reaches the group
  if (hooks.on_pid) hooks.on_pid(pid);
  out.close_w();
  prog.close_w();
  err.close_w();
  int e = 0;
  ssize_t n;
  while ((n = ::read(err.r, &e, sizeof e)) < 0 && errno == EINTR) {
  }
  if (n == static_cast<ssize_t>(sizeof e)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (hooks.on_pid) hooks.on_pid(0);
    r.start_error = "cannot run " + path + ": " + std::strerror(e);
    return r;
  }
  r.started = true;
  read_loop(pid, out.r, prog.r, grace_seconds, tail_bytes, hooks, r);
  return r;
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGKILL:
      return "SIGKILL";
    case SIGTERM:
      return "SIGTERM";
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGXCPU:
      return "SIGXCPU";
    case SIGINT:
      return "SIGINT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGHUP:
      return "SIGHUP";
    case SIGPIPE:
      return "SIGPIPE";
    default:
      return "signal " + std::to_string(sig);
  }
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= s.size() && !(len == 2 && c < 0xC2);
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (ok && c != 0) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

}  // namespace corridor::jobs
