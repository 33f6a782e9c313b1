/** The Entity CRM sandbox (seed 002); the implementation lives in ./entity-crm/. */
export * from './entity-crm/api';
