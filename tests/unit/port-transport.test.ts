import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it, vi } from 'vitest';
import { PortTransport } from '../../src/transports/port-transport';
import { portPair } from './fakes/ports';
import { tick } from './helpers';

describe('PortTransport', () => {
  it('carries one JSON-RPC message per postMessage, both ways', async () => {
    const [a, b] = portPair();
    const left = new PortTransport(a);
    const right = new PortTransport(b);
    const got: JSONRPCMessage[] = [];
    right.onmessage = (m) => got.push(m);
    await left.start();
    await right.start();
    await left.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await tick();
    expect(got).toEqual([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
  });

  it('keeps messages that arrive before start()', async () => {
    const [a, b] = portPair();
    const transport = new PortTransport(b); // made when the port connects, started after async setup
    a.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    await tick();
    const got: JSONRPCMessage[] = [];
    transport.onmessage = (m) => got.push(m);
    await transport.start();
    expect(got).toHaveLength(1);
  });

  it('drops malformed messages and reports them', async () => {
    const [a, b] = portPair();
    const transport = new PortTransport(b);
    const onmessage = vi.fn();
    const onerror = vi.fn();
    transport.onmessage = onmessage;
    transport.onerror = onerror;
    await transport.start();
    for (const bad of ['x', 42, { jsonrpc: '1.0', id: 1, method: 'x' }, { id: 1 }, null]) a.postMessage(bad);
    await tick();
    expect(onmessage).not.toHaveBeenCalled();
    expect(onerror).toHaveBeenCalledTimes(5);
  });

  it('closes when the other end disconnects, and refuses to send after', async () => {
    const [a, b] = portPair();
    const transport = new PortTransport(b);
    const onclose = vi.fn();
    transport.onclose = onclose;
    await transport.start();
    a.disconnect();
    await tick();
    expect(onclose).toHaveBeenCalledOnce();
    await expect(transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toThrow(/closed/);
  });
});

describe('JSON-RPC guard', () => {
  it('accepts the four JSON-RPC message kinds and nothing else', async () => {
    const { asJsonRpcMessage } = await import('../../src/transports/json-rpc-guard');
    const good = [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x' } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad' } },
    ];
    const bad = [
      null,
      [],
      'x',
      { jsonrpc: '2.0' },
      { jsonrpc: '1.0', id: 1, method: 'x' },
      { jsonrpc: '2.0', id: {}, method: 'x' },
      { jsonrpc: '2.0', id: 1, method: 'x', params: [1] },
      { jsonrpc: '2.0', id: 1, result: 'x' },
      { jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'x' } },
      { jsonrpc: '2.0', id: 1, error: { code: 'x', message: 'x' } },
      { jsonrpc: '2.0', result: {} },
    ];
    for (const m of good) expect(asJsonRpcMessage(m), JSON.stringify(m)).toBe(m);
    for (const m of bad) expect(asJsonRpcMessage(m), JSON.stringify(m)).toBeUndefined();
  });
});
