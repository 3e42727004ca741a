import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { Can } from './Can';
import { parseMe } from './AuthContext';
import { person, renderWith } from '../test/render';

describe('Can', () => {
  it('shows a control to a role that may use it', () => {
    renderWith(
      <Can op="POST /api/kill-switches">
        <button>Set kill switch</button>
      </Can>,
      { me: person(['reviewer'], ['GET /api/kill-switches', 'POST /api/kill-switches']) },
    );
    expect(screen.getByRole('button', { name: 'Set kill switch' })).toBeInTheDocument();
  });

  it('hides it from a role that may not', () => {
    renderWith(
      <Can op="POST /api/kill-switches">
        <button>Set kill switch</button>
      </Can>,
      { me: person(['viewer'], ['GET /api/kill-switches']) },
    );
    expect(screen.queryByRole('button', { name: 'Set kill switch' })).toBeNull();
  });

  it('says why, naming the role, when asked to explain', () => {
    renderWith(
      <Can op="POST /api/kill-switches" otherwise="explain">
        <button>Set kill switch</button>
      </Can>,
      { me: person(['viewer'], ['GET /api/kill-switches']) },
    );
    expect(screen.getByRole('note')).toHaveTextContent('Your role (viewer) cannot set kill switches.');
  });

  it('gives a render-prop the permission and the reason, to disable rather than hide', () => {
    renderWith(
      <Can op="POST /api/reviews/:id/approve">
        {({ allowed, reason }) => (
          <>
            <button disabled={!allowed}>Approve</button>
            <span>{reason}</span>
          </>
        )}
      </Can>,
      { me: person(['auditor'], ['GET /api/reviews']) },
    );
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByText('your role (auditor) cannot approve held requests')).toBeInTheDocument();
  });

  it('allows everything when the server did not send the list (the server still says 403)', () => {
    renderWith(
      <Can op="POST /api/kill-switches">
        <button>Set kill switch</button>
      </Can>,
      { me: person(['viewer'], null) },
    );
    expect(screen.getByRole('button', { name: 'Set kill switch' })).toBeInTheDocument();
  });

  it('allows nothing when nobody is signed in', () => {
    renderWith(
      <Can op="GET /api/kill-switches">
        <button>List</button>
      </Can>,
      { me: null },
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('parseMe', () => {
  it('reads allowed, or the older endpoints, and tolerates missing fields', () => {
    expect([...parseMe({ user: 'a', roles: ['admin'], allowed: ['GET /api/x'] }).allowed!]).toEqual(['GET /api/x']);
    expect([...parseMe({ user: 'a', roles: ['admin'], endpoints: ['GET /api/y'] }).allowed!]).toEqual(['GET /api/y']);
    const m = parseMe({ user: 'a' });
    expect(m.roles).toEqual([]);
    expect(m.allowed).toBeNull();
    expect(m.csrfToken).toBeUndefined();
  });
});
