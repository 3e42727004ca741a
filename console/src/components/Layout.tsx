// The frame of every signed-in screen: skip link, banner, navigation, main. Navigation lists the
// screens of src/screens/registry.tsx that the signed-in role may open.
import { Outlet, NavLink } from 'react-router';
import { Button } from 'react-aria-components';
import { useAuth } from '../auth/AuthContext';
import { screens, type ScreenDef } from '../screens/registry';

function mayOpen(allowed: ReadonlySet<string> | null, s: ScreenDef): boolean {
  return !s.op || !allowed || allowed.has(s.op);
}

export function Layout() {
  const { me, signOut } = useAuth();
  const items = screens.filter((s) => s.nav && mayOpen(me?.allowed ?? null, s));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="banner">
        <span className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={22} height={22} />
          Warden
        </span>
        {me ? (
          <div className="whoami">
            <span>
              Signed in as <strong>{me.user}</strong>
              {me.roles.length ? <span className="role-badge">{me.roles.join(', ')}</span> : null}
            </span>
            <Button className="button button-quiet" onPress={() => void signOut()}>
              Sign out
            </Button>
          </div>
        ) : null}
      </header>
      <div className="frame">
        <nav className="sidebar" aria-label="Main">
          <ul>
            {items.map((s) => (
              <li key={s.path}>
                <NavLink to={s.path} end={s.path === '/'} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  {s.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
