// Moddle extension for the IsoDienTu BPMN namespace, so iso: attributes are typed and round-trip through bpmn-js.
const attr = (name: string, type = 'String') => ({ name, isAttr: true, type });

export const isoModdle = {
  name: 'IsoDienTu',
  uri: 'urn:isodientu:bpmn:1',
  prefix: 'iso',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'IsoProcess',
      extends: ['bpmn:Process'],
      properties: ['procedureCode', 'deadline', 'cutoff', 'supplementClock', 'level', 'legalBasis', 'fee', 'documents'].map((n) => attr(n)),
    },
    {
      name: 'IsoUserTask',
      extends: ['bpmn:UserTask'],
      properties: ['unit', 'role', 'allotment', 'outcomes'].map((n) => attr(n)),
    },
    {
      name: 'IsoFlowNode',
      extends: ['bpmn:FlowNode'],
      properties: ['status', 'clock', 'waitsFor', 'action', 'version'].map((n) => attr(n)),
    },
    {
      name: 'IsoTimer',
      extends: ['bpmn:TimerEventDefinition'],
      properties: [attr('calendar')],
    },
  ],
};
