// Every screen of the console, in navigation order. To add one: make src/screens/<Name>/index.tsx
// exporting a component, and add an entry here. App.tsx makes the routes; Layout the navigation.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ScreenDef {
  /** Route under /console ("/reviews"; "/decisions/:id" for pages that are not in the nav). */
  path: string;
  /** Navigation label (and the page's name). */
  label: string;
  /** The GET permission key the screen needs; the nav hides it and the page explains when missing. */
  op?: string;
  /** Listed in the navigation. */
  nav: boolean;
  component: LazyExoticComponent<ComponentType> | ComponentType;
}

export const screens: ScreenDef[] = [
  { path: '/', label: 'Overview', op: 'GET /api/overview', nav: true, component: lazy(() => import('./Overview')) },
  { path: '/decisions', label: 'Decisions', op: 'GET /api/audit/records', nav: true, component: lazy(() => import('./Decisions')) },
  { path: '/decisions/:id', label: 'Decision', op: 'GET /api/audit/decisions/:id', nav: false, component: lazy(() => import('./Decision')) },
  { path: '/reviews', label: 'Review queue', op: 'GET /api/reviews', nav: true, component: lazy(() => import('./Reviews')) },
  { path: '/kill-switches', label: 'Kill switches', op: 'GET /api/kill-switches', nav: true, component: lazy(() => import('./KillSwitches')) },
  { path: '/policies', label: 'Policies', op: 'GET /api/policies/current', nav: true, component: lazy(() => import('./Policies')) },
  { path: '/records', label: 'Records', op: 'GET /api/systems', nav: true, component: lazy(() => import('./Records')) },
  { path: '/compliance', label: 'Compliance', op: 'GET /api/compliance/frameworks', nav: true, component: lazy(() => import('./Compliance')) },
  { path: '/accounts', label: 'Accounts and tokens', op: 'GET /api/accounts', nav: true, component: lazy(() => import('./Accounts')) },
];
