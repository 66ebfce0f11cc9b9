/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { notWebAddressText, webAddress } from './webAddress';

describe('webAddress', () => {
  it.each([
    [
      'https://wiki.example/runbooks/bedroom',
      'https://wiki.example/runbooks/bedroom',
    ],
    [
      'http://chat.example/inc-bedroom?x=1#top',
      'http://chat.example/inc-bedroom?x=1#top',
    ],
    ['HTTPS://Wiki.Example/PIR-1', 'https://wiki.example/PIR-1'],
    ['  https://wiki.example/pir  ', 'https://wiki.example/pir'],
    ['javascript:alert(document.cookie)', undefined],
    ['  JaVaScRiPt:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['mailto:oncall@example.com', undefined],
    ['//evil.example/path', undefined],
    ['/catalog/default/component/bedroom', undefined],
    ['wiki/runbooks/bedroom', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j', (text, expected) => {
    expect(webAddress(text)).toBe(expected);
  });
});

describe('notWebAddressText', () => {
  it.each([
    [
      'javascript:alert(1)',
      '"javascript:alert(1)" is a javascript: address; only http: and https: addresses are opened',
    ],
    [
      'wiki/pir-1',
      '"wiki/pir-1" is not an absolute web address; only http: and https: addresses are opened',
    ],
  ])('%s', (text, expected) => {
    expect(notWebAddressText(text)).toBe(expected);
  });
});
