import type { NetworkInterfaceInfo } from 'node:os';
import { listenAddress, networkExposureWarning } from './listen-address.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6'), nic('192.168.1.20', 'IPv4')],
};

describe('the address in the start banner', () => {
  it('says localhost for loopback, and nobody else can reach it', () => {
    for (const address of ['127.0.0.1', '::1']) {
      expect(listenAddress({ address, family: 'IPv4', port: 3000 }, interfaces)).toEqual({
        url: 'http://localhost:3000',
        allInterfaces: false,
        reachableFromNetwork: false,
      });
    }
  });

  it("gives one of this machine's network addresses for all interfaces, IPv4 first", () => {
    expect(listenAddress({ address: '0.0.0.0', family: 'IPv4', port: 3000 }, interfaces)).toEqual({
      url: 'http://192.168.1.20:3000',
      allInterfaces: true,
      reachableFromNetwork: true,
    });
    const ipv6Only = { eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6')] };
    expect(listenAddress({ address: '::', family: 'IPv6', port: 80 }, ipv6Only).url).toBe(
      'http://[2001:db8::5]:80',
    );
    expect(listenAddress({ address: '0.0.0.0', family: 'IPv4', port: 80 }, ipv6Only).url).toBe(
      'http://localhost:80',
    );
  });

  it('shows the bound host as it is otherwise', () => {
    expect(
      listenAddress({ address: '192.168.1.20', family: 'IPv4', port: 3000 }, interfaces).url,
    ).toBe('http://192.168.1.20:3000');
  });
});

describe('the warning for a service open to the network', () => {
  const open = listenAddress({ address: '0.0.0.0', family: 'IPv4', port: 3000 }, interfaces);

  it('names the host, the port, what anyone there reads, and both ways out', () => {
    const warning = networkExposureWarning('0.0.0.0', open, 3000, '');
    expect(warning).toMatch(/^HOST=0\.0\.0\.0 serves all interfaces and ADMIN_TOKEN is not set/);
    expect(warning).toContain('reaches port 3000');
    expect(warning).toContain('/api/events');
    expect(warning).toContain('set HOST=127.0.0.1');
    expect(warning).toContain('set ADMIN_TOKEN');
  });

  it('is not given on loopback or with ADMIN_TOKEN set, and never shows the token', () => {
    const loopback = listenAddress({ address: '127.0.0.1', family: 'IPv4', port: 3000 }, {});
    expect(networkExposureWarning('127.0.0.1', loopback, 3000, '')).toBeNull();
    expect(networkExposureWarning('0.0.0.0', open, 3000, 'x'.repeat(24))).toBeNull();
  });
});
