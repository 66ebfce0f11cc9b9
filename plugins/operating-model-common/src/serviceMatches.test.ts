import { PickableService, rankServiceMatches } from './serviceMatches';

const services: PickableService[] = [
  {
    entityRef: 'component:default/basket',
    title: 'Basket',
    ownerTitle: 'Checkout team',
  },
  {
    entityRef: 'component:default/checkout',
    title: 'Checkout',
    ownerTitle: 'Checkout team',
  },
  {
    entityRef: 'component:default/checkout-api',
    title: 'Checkout API',
    ownerTitle: 'Checkout team',
  },
  {
    entityRef: 'component:default/express-checkout',
    title: 'Express checkout',
    ownerTitle: 'Payments',
  },
  {
    entityRef: 'component:default/rechecking',
    title: 'Rechecking',
    ownerTitle: null,
  },
  {
    entityRef: 'component:default/returns',
    title: 'Returns desk',
    ownerTitle: 'Checkout',
  },
  {
    entityRef: 'component:default/legacy-cart',
    title: 'Cart',
    ownerTitle: 'Ops',
  },
];

const rank = (text: string) =>
  rankServiceMatches(services, text, s => s).map(
    m => `${m.item.title}:${m.reason}`,
  );

describe('rankServiceMatches', () => {
  it.each([
    [
      'Checkout',
      [
        'Checkout:name',
        'Checkout API:name-start',
        'Express checkout:word-start',
        'Returns desk:owner',
        'Basket:owner-start',
      ],
    ],
    [
      '  CHECK ',
      [
        'Checkout:name-start',
        'Checkout API:name-start',
        'Express checkout:word-start',
        'Rechecking:name-contains',
        'Basket:owner-start',
        'Returns desk:owner-start',
      ],
    ],
    [
      'heck',
      [
        'Checkout:name-contains',
        'Checkout API:name-contains',
        'Express checkout:name-contains',
        'Rechecking:name-contains',
        'Basket:owner-contains',
        'Returns desk:owner-contains',
      ],
    ],
    ['returns', ['Returns desk:name']],
    ['legacy', ['Cart:name-start']],
    ['default/leg', ['Cart:ref']],
    ['nothing like it', []],
  ])('%p ranks %p', (text, expected) => {
    expect(rank(text)).toEqual(expected);
  });

  it('gives every service, in the order given, for no text', () => {
    expect(rank('')).toEqual(services.map(s => `${s.title}:null`));
  });
});
