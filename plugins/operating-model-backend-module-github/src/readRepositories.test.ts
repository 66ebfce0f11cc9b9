import { Entity } from '@backstage/catalog-model';
import { repositoriesOf } from './readRepositories';

const component = (
  name: string,
  slug?: string,
  namespace = 'default',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace,
    annotations: slug === undefined ? {} : { 'github.com/project-slug': slug },
  },
});

describe('repositoriesOf', () => {
  it.each([
    ['acme/shop', 'acme/shop'],
    ['Acme/Shop.git', 'acme/shop'],
    [' acme/shop.web_2 ', 'acme/shop.web_2'],
  ])('reads %j as the repository %s', (slug, key) => {
    expect(repositoriesOf([component('shop', slug)]).repositories).toEqual([
      expect.objectContaining({ key, entityRef: 'component:default/shop' }),
    ]);
  });

  it.each([
    '',
    'acme',
    'acme/shop/extra',
    'https://github.com/acme/shop',
    '-acme/shop',
    'acme/',
  ])('reports %j as not owner/repo', slug => {
    expect(repositoriesOf([component('shop', slug)])).toEqual({
      repositories: [],
      unmapped: [
        {
          entityRef: 'component:default/shop',
          reason: `github.com/project-slug ${JSON.stringify(
            slug,
          )} is not owner/repo`,
        },
      ],
    });
  });

  it('counts a repository once, for the first Component that names it, and reports the others', () => {
    const { repositories, unmapped } = repositoriesOf([
      component('web', 'acme/mono'),
      component('api', 'ACME/mono'),
      component('basket', 'acme/basket', 'shop'),
    ]);
    expect(repositories.map(r => [r.key, r.entityRef])).toEqual([
      ['acme/basket', 'component:shop/basket'],
      ['acme/mono', 'component:default/api'],
    ]);
    expect(unmapped).toEqual([
      {
        entityRef: 'component:default/web',
        reason:
          'acme/mono is also the repository of component:default/api: its deployments count once, for that Component',
      },
    ]);
  });
});
