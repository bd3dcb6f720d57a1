#!/usr/bin/env python3
"""A minimal pyacq-protocol peer, written from shared/PROTOCOL.md with the libraries Python
pyacq itself uses (pyzmq, msgpack with use_bin_type=True, numpy). The Java tests use it to check
that our server and client speak the protocol as a Python peer does.

    pyacq_peer.py client ADDRESS SERIALIZER [KEYFILE]
                                              drive a Java server; prints one line per check; with
                                              KEYFILE (a pyacq user key), over CURVE with that key
    pyacq_peer.py server                      serve Python objects; prints the address, runs until closed
"""
import base64
import datetime
import importlib
import json
import sys
import traceback

import msgpack
import numpy as np
import zmq
import zmq.auth

TAG = '___type_name___'


class Proxy:
    def __init__(self, rpc_addr, obj_id, ref_id, type_str='', attributes=()):
        self.rpc_addr = rpc_addr if isinstance(rpc_addr, bytes) else rpc_addr.encode()
        self.obj_id = obj_id
        self.ref_id = ref_id
        self.type_str = type_str
        self.attributes = tuple(attributes)

    def attr(self, name):
        return Proxy(self.rpc_addr, self.obj_id, self.ref_id, self.type_str, self.attributes + (name,))

    def save(self):
        return {TAG: 'proxy', 'rpc_addr': self.rpc_addr, 'obj_id': self.obj_id, 'ref_id': self.ref_id,
                'type_str': self.type_str, 'attributes': list(self.attributes)}


class Codec:
    """msgpack and JSON with the tagged values of PROTOCOL.md section 4."""

    def __init__(self, name, export=None, resolve=None):
        self.name = name
        self.export = export or (lambda obj: (_ for _ in ()).throw(TypeError('cannot send %r' % (obj,))))
        self.resolve = resolve or (lambda proxy: proxy)

    def encode(self, obj):
        if isinstance(obj, np.ndarray):
            obj = np.ascontiguousarray(obj)
            data = obj.tobytes()
            if self.name == 'json':
                data = base64.b64encode(data).decode()
            return {TAG: 'ndarray', 'data': data, 'dtype': str(obj.dtype), 'shape': list(obj.shape)}
        if isinstance(obj, datetime.datetime):
            return {TAG: 'datetime', 'data': obj.strftime('%Y-%m-%dT%H:%M:%S.%f')}
        if isinstance(obj, datetime.date):
            return {TAG: 'date', 'data': obj.strftime('%Y-%m-%d')}
        if isinstance(obj, bytes) and self.name == 'json':
            return {TAG: 'bytes', 'data': base64.b64encode(obj).decode()}
        if isinstance(obj, Proxy):
            return obj.save()
        return self.export(obj).save()

    def decode(self, dct):
        tag = dct.pop(TAG, None)
        if tag is None:
            return dct
        if tag == 'ndarray':
            data = dct['data']
            if isinstance(data, str):
                data = base64.b64decode(data)
            return np.frombuffer(data, dtype=dct['dtype']).reshape(dct['shape'])
        if tag == 'datetime':
            return datetime.datetime.strptime(dct['data'], '%Y-%m-%dT%H:%M:%S.%f')
        if tag == 'date':
            return datetime.datetime.strptime(dct['data'], '%Y-%m-%d').date()
        if tag == 'none':
            return None
        if tag == 'bytes':
            return base64.b64decode(dct['data'])
        if tag == 'proxy':
            return self.resolve(Proxy(**dct))
        raise ValueError('unknown tag %r' % tag)

    def dumps(self, obj):
        if self.name == 'json':
            return json.dumps(obj, default=self.encode).encode()
        return msgpack.packb(obj, use_bin_type=True, default=self.encode)

    def loads(self, data):
        if self.name == 'json':
            return json.loads(data.decode(), object_hook=self.decode)
        return msgpack.unpackb(data, raw=False, object_hook=self.decode)


class Client:
    def __init__(self, address, serializer, key_file=None):
        self.address = address
        self.codec = Codec(serializer)
        self.sock = zmq.Context.instance().socket(zmq.DEALER)
        self.sock.setsockopt(zmq.IDENTITY, ('pyhost.pypeer.main:' + address).encode())
        self.sock.setsockopt(zmq.LINGER, 1000)
        if key_file:
            public, secret = zmq.auth.load_certificate(key_file)
            self.sock.curve_publickey = public
            self.sock.curve_secretkey = secret
            self.sock.curve_serverkey = public   # every server of the user presents the user's key
        self.sock.connect(address)
        self.next_id = 0

    def send(self, action, opts=None, return_type='auto', sync=True):
        req_id = self.next_id if sync else -1
        if sync:
            self.next_id += 1
        body = b'' if opts is None else self.codec.dumps(opts)
        self.sock.send_multipart([str(req_id).encode(), action.encode(), return_type.encode(),
                                  self.codec.name.encode(), body])
        if not sync:
            return None
        if not self.sock.poll(10000):
            raise TimeoutError('no reply to %s [%d]' % (action, req_id))
        reply = self.codec.loads(self.sock.recv())
        assert reply['action'] == 'return', reply
        assert reply['req_id'] == req_id, reply
        if reply['error'] is not None:
            raise RemoteError(*reply['error'])
        return reply['rval']

    def call(self, proxy, *args, return_type='auto'):
        return self.send('call_obj', {'obj': proxy, 'args': list(args), 'kwargs': {}}, return_type)


class RemoteError(Exception):
    def __init__(self, type_name, lines):
        super().__init__(type_name)
        self.type_name = type_name
        self.lines = lines


def check(name, condition):
    print(('OK ' if condition else 'FAIL ') + name, flush=True)
    if not condition:
        sys.exit(1)


def run_client(address, serializer, key_file=None):
    c = Client(address, serializer, key_file)
    check('ping', c.send('ping') == 'pong')
    AL = c.send('import', {'module': 'java.util.ArrayList'})
    check('import gives a proxy', isinstance(AL, Proxy) and AL.rpc_addr == address.encode())
    lst = c.call(AL)
    check('constructor returns a proxy', isinstance(lst, Proxy))
    c.call(lst.attr('add'), 5)
    c.call(lst.attr('add'), 'x')
    check('len through __len__', c.call(lst.attr('__len__')) == 2)
    check('item through __getitem__', c.call(lst.attr('__getitem__'), 1) == 'x')
    check('negative index', c.call(lst.attr('__getitem__'), -2) == 5)
    check('value return', c.send('get_obj', {'obj': lst}, 'value') == [5, 'x'])
    check('equality through __eq__', c.call(lst.attr('__eq__'), [5, 'x']) is True)
    svc = c.send('get_item', {'name': 'svc'})
    echo = svc.attr('echo')
    for arr in (np.arange(12, dtype='float64').reshape(3, 4), np.array([1, 65535], dtype='uint16'),
                np.array([True, False]), np.arange(6, dtype='int32'), np.zeros((2, 2), dtype='complex128')):
        back = c.call(echo, arr)
        check('ndarray %s %s round trip' % (arr.dtype, arr.shape),
              isinstance(back, np.ndarray) and back.dtype == arr.dtype and back.shape == arr.shape
              and np.array_equal(back, arr))
    when = datetime.datetime(2024, 2, 29, 12, 30, 15, 123456)
    check('datetime round trip', c.call(echo, when) == when)
    check('date round trip', c.call(echo, datetime.date(2001, 9, 9)) == datetime.date(2001, 9, 9))
    check('bytes round trip', c.call(echo, b'\x00\xffab') == b'\x00\xffab')
    check('nested values', c.call(echo, {'a': [1, 2.5, None, True, 'z']}) == {'a': [1, 2.5, None, True, 'z']})
    check('big int', c.call(echo, 2 ** 62) == 2 ** 62)
    check('float', c.call(echo, 0.1) == 0.1)
    transferred = c.send('get_obj', {'obj': np.ones(10, dtype='float32')}, 'proxy')
    check('transfer gives a proxy', isinstance(transferred, Proxy))
    check('transferred array length', c.call(transferred.attr('__len__')) == 10)
    try:
        c.call(svc.attr('fail'), 'from python')
        check('remote error raised', False)
    except RemoteError as e:
        check('remote error type name', e.type_name == 'IllegalStateException')
        text = ''.join(e.lines)
        check('remote error header', e.lines[0].startswith('Error while processing request pyhost.pypeer.main:'))
        check('remote error text', 'from python' in text)
    c.send('set_item', {'name': 'from_python', 'obj': [1, 2, 3]})
    check('published from python', c.send('get_item', {'name': 'from_python'}) == [1, 2, 3])
    c.send('delete', {'obj_id': lst.obj_id, 'ref_id': lst.ref_id})
    try:
        c.call(lst.attr('size'))
        check('deleted proxy refused', False)
    except RemoteError as e:
        check('deleted proxy refused', e.type_name == 'UnknownObjectException')
    c.send('call_obj', {'obj': svc.attr('remember'), 'args': ['off'], 'kwargs': {}}, sync=False)
    check('off call then sync call', c.call(svc.attr('add'), 2, 3) == 5)
    check('close', c.send('close') is True)
    print('DONE', flush=True)


class Server:
    def __init__(self):
        ctx = zmq.Context.instance()
        self.sock = ctx.socket(zmq.ROUTER)
        self.sock.setsockopt(zmq.LINGER, 5000)
        self.sock.bind('tcp://127.0.0.1:*')
        self.address = self.sock.getsockopt(zmq.LAST_ENDPOINT)
        self.namespace = {'self': self, 'echo': lambda x: x, 'numbers': [1, 2, 3]}
        self.objects = {}
        self.ids = {}
        self.next_obj = 0
        self.next_ref = 0
        self.clients = {}
        self.closed = False

    def export(self, obj):
        key = id(obj)
        if key not in self.ids:
            self.ids[key] = self.next_obj
            self.objects[self.next_obj] = [obj, set()]
            self.next_obj += 1
        obj_id = self.ids[key]
        ref_id = self.next_ref
        self.next_ref += 1
        self.objects[obj_id][1].add(ref_id)
        return Proxy(self.address, obj_id, ref_id, str(type(obj)))

    def resolve(self, proxy):
        if proxy.rpc_addr != self.address:
            return proxy
        obj = self.objects[proxy.obj_id][0]
        for name in proxy.attributes:
            obj = getattr(obj, name)
        return obj

    def run(self):
        print(self.address.decode(), flush=True)
        while not self.closed:
            caller, req_id, action, return_type, ser, opts = self.sock.recv_multipart()
            req_id = int(req_id)
            codec = Codec(ser.decode(), self.export, self.resolve)
            self.clients[caller] = codec
            try:
                opts = None if opts == b'' else codec.loads(opts)
                result = self.process(action.decode(), opts, caller)
                if return_type == b'proxy' or (return_type == b'auto' and not isinstance(
                        result, (type(None), str, int, float, tuple, list, dict, Proxy, np.ndarray))):
                    result = self.export(result)
                reply = {'action': 'return', 'req_id': req_id, 'rval': result, 'error': None}
            except Exception as exc:
                lines = ['Error while processing request %s [%d]: ' % (caller.decode(), req_id)]
                lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
                reply = {'action': 'return', 'req_id': req_id, 'rval': None,
                         'error': [type(exc).__name__, lines]}
            if req_id >= 0:
                self.sock.send_multipart([caller, codec.dumps(reply)])

    def process(self, action, opts, caller):
        if action == 'ping':
            return 'pong'
        if action == 'call_obj':
            return opts['obj'](*opts.get('args', ()), **(opts.get('kwargs') or {}))
        if action == 'get_obj':
            return opts['obj']
        if action == 'get_item':
            return self.namespace[opts['name']]
        if action == 'set_item':
            self.namespace[opts['name']] = opts['obj']
            return None
        if action == 'delete':
            refs = self.objects[opts['obj_id']][1]
            refs.remove(opts['ref_id'])
            if not refs:
                obj = self.objects.pop(opts['obj_id'])[0]
                del self.ids[id(obj)]
            return None
        if action == 'import':
            return importlib.import_module(opts['module'])
        if action == 'close':
            self.closed = True
            for other, codec in self.clients.items():
                if other != caller:
                    self.sock.send_multipart([other, codec.dumps({'action': 'disconnect'})])
            return True
        raise ValueError("Invalid RPC action '%s'" % action)


def run_holder(address, serializer):
    """Holds a proxy to 'svc' (no leases: a stock client), then uses it after the Java side says so."""
    client = Client(address, serializer)
    svc = client.send('get_item', {'name': 'svc'}, 'proxy')
    print('HELD', flush=True)
    sys.stdin.readline()
    print('NAME', client.send('get_obj', {'obj': svc.attr('name')}), flush=True)


if __name__ == '__main__':
    if sys.argv[1] == 'hold':
        run_holder(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == 'client':
        run_client(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        Server().run()
