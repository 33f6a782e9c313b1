import { z } from 'zod';
import { isSitePattern } from '../access/patterns';
import { lazyMessage } from '../i18n';
import { parsedItem } from './item';

export const sitePatternSchema = z
  .string()
  .max(300)
  .refine(isSitePattern, lazyMessage('enabledSites_httpsOnly'));

/** Sites the recruiter enabled from the side panel ("Enable on this site"), as match patterns. */
export const enabledSitesItem = parsedItem('local:enabledSites', z.array(sitePatternSchema).max(500), [], {
  version: 1,
});
