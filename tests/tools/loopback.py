"""What every test tool needs of the loopback interface."""
import socket


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on now (the caller binds it soon after)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
