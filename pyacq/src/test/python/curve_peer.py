#!/usr/bin/env python3
"""A raw CurveZMQ peer on pyzmq (libzmq with libsodium): an implementation of CURVE independent of
ours, for CurveInteropTest. Keys are Z85 text, as ZeroMQ writes them.

    curve_peer.py server SERVER_PUBLIC SERVER_SECRET CLIENT_PUBLIC
        a CURVE ROUTER that accepts only CLIENT_PUBLIC; prints its address, then answers each
        [sha256 hex, payload] with ["ok", payload] if the digest matches, else ["bad digest"];
        [b"STOP"] makes it answer ["stopping"] and exit
    curve_peer.py client ADDRESS SERVER_PUBLIC CLIENT_PUBLIC CLIENT_SECRET SIZE...
        a CURVE DEALER; for each SIZE sends [sha256 hex, payload of SIZE bytes] and expects
        [sha256 hex of what the server got, the payload back]; prints DONE when all matched
"""
import hashlib
import os
import sys

import zmq
from zmq.auth.thread import ThreadAuthenticator


class OneKey:
    def __init__(self, z85_key):
        self.key = z85_key

    def callback(self, domain, z85_client_key):
        return z85_client_key == self.key


def serve(server_public, server_secret, client_public):
    ctx = zmq.Context()
    auth = ThreadAuthenticator(ctx)
    auth.start()
    auth.configure_curve_callback('*', credentials_provider=OneKey(client_public))
    sock = ctx.socket(zmq.ROUTER)
    sock.curve_server = True
    sock.curve_publickey = server_public
    sock.curve_secretkey = server_secret
    sock.bind('tcp://127.0.0.1:*')
    print(sock.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
    while True:
        frames = sock.recv_multipart()
        identity, body = frames[0], frames[1:]
        if body == [b'STOP']:
            sock.send_multipart([identity, b'stopping'])
            break
        digest, payload = body
        if hashlib.sha256(payload).hexdigest().encode() == digest:
            sock.send_multipart([identity, b'ok', payload], copy=False)
        else:
            sock.send_multipart([identity, b'bad digest'])
    sock.close(linger=2000)
    auth.stop()
    ctx.term()


def drive(address, server_public, client_public, client_secret, sizes):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.DEALER)
    sock.curve_serverkey = server_public
    sock.curve_publickey = client_public
    sock.curve_secretkey = client_secret
    sock.rcvtimeo = 60000
    sock.connect(address)
    for size in sizes:
        payload = os.urandom(size)
        digest = hashlib.sha256(payload).hexdigest().encode()
        sock.send_multipart([digest, payload], copy=False)
        reply = sock.recv_multipart()
        if reply != [digest, payload]:
            print('FAIL size %d: reply of %d frames, digest %r' % (size, len(reply), reply[0][:64]), flush=True)
            sys.exit(1)
        print('OK %d' % size, flush=True)
    print('DONE', flush=True)
    sock.close(linger=0)
    ctx.term()


def main(argv):
    if argv[1] == 'server':
        serve(*(a.encode() for a in argv[2:5]))
    elif argv[1] == 'client':
        drive(argv[2], *(a.encode() for a in argv[3:6]), [int(s) for s in argv[6:]])
    else:
        sys.exit('usage: see the module docstring')


if __name__ == '__main__':
    main(sys.argv)
