import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Writes the bedroom shop's catalog-info.yaml: £200K an hour and very high feature demand, " +
      'so 99.0% availability, daily deployments and a domain out-of-hours rota',
    example: stringify({
      steps: [
        {
          id: 'catalog-info',
          action: 'operating-model:catalog-info',
          name: 'Write catalog-info.yaml',
          input: {
            name: 'bedroom',
            title: 'Bedroom shop',
            owner: 'group:default/bedroom-team',
            serviceClass: 'digital-service',
            financialExposure: '200K',
            featureDemand: 'very-high',
            domain: 'domain:default/furnishing',
            runbookUrl: 'https://wiki.example/runbooks/bedroom',
            incidentChannelUrl: 'https://chat.example/inc-bedroom',
          },
        },
      ],
    }),
  },
];
