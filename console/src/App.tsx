// Routes, providers and the sign-in gate.
import { Suspense, useEffect } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useHref, useLocation, useNavigate } from 'react-router';
import { RouterProvider } from 'react-aria-components';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { AnnouncerProvider } from './components/Announcer';
import { Layout } from './components/Layout';
import { RequirePermission } from './components/RequirePermission';
import { ErrorState, Loading } from './components/States';
import { ApiError } from './api/errors';
import { screens } from './screens/registry';
import SignIn from './screens/SignIn';
import NotFound from './screens/NotFound';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 401 and 403 will not change by asking again.
        retry: (n, err) => n < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

/** Sends people who are not signed in to /signin?next=<where they were going>. */
function RequireSignIn() {
  const { me, loading, error } = useAuth();
  const location = useLocation();
  if (loading) return <Loading label="Checking your session…" />;
  if (error) return <ErrorState error={error} title="Warden could not be reached" />;
  if (!me) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Layout />;
}

/** Moves focus to the main region and sets the title when the route changes (screen readers hear the new page). */
function RouteFocus() {
  const location = useLocation();
  useEffect(() => {
    const s = screens.find((x) => x.path === location.pathname);
    document.title = s ? `${s.label} · Warden` : 'Warden console';
    const main = document.getElementById('main');
    if (main && document.activeElement !== main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [location.pathname]);
  return null;
}

export function AppRoutes() {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={navigate} useHref={useHref}>
      <RouteFocus />
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route element={<RequireSignIn />}>
          {screens.map((s) => (
            <Route
              key={s.path}
              path={s.path}
              element={
                <RequirePermission op={s.op} title={s.label}>
                  <Suspense fallback={<Loading />}>
                    <s.component />
                  </Suspense>
                </RequirePermission>
              }
            />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </RouterProvider>
  );
}

export function App({ queryClient = makeQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>
        <BrowserRouter basename="/console">
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AnnouncerProvider>
    </QueryClientProvider>
  );
}
