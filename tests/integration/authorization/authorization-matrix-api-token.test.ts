import { createTestApp } from '../../support/test-app.js';
import { buildWorld } from '../../support/builders/index.js';
import { describeMatrixCases } from './matrix-cases.js';

const testApp = await createTestApp();
const world = await buildWorld(testApp);

describeMatrixCases('apiToken', testApp, world);
