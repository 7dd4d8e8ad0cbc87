// English catalog.
import type { Catalog } from './ja';

export const en: Catalog = {
  'app.title': 'Reception',
  'idle.heading': 'Please place your card',
  'idle.instruction': 'Place your My Number health insurance card on the card reader.',
  'idle.paperHint':
    'If you have an eligibility certificate (資格確認書), please hand it to the reception desk.',
  'idle.language': 'Language',
  'idle.largeText': 'Larger text',
  'idle.voice': 'Voice guidance',
  'idle.staff': 'Staff menu',
  'common.on': 'On',
  'common.off': 'Off',
  'common.connecting': 'Connecting…',
  'outOfService.heading': 'Temporarily unavailable',
  'outOfService.instruction': 'Please speak to the reception desk.',
  'outOfService.reader-down': 'The card reader is not ready.',
  'outOfService.gateway-down': 'The eligibility service cannot be reached.',
  'outOfService.log-down': 'Records cannot be saved.',
  'simulation.badge': 'Simulation',
};
