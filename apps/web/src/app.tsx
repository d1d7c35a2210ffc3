import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LazyAdminConsole } from './admin/lazy-admin-console.tsx';
import { PersonalCenterPage } from './app-center/personal-center-page.tsx';
import { AuthProvider } from './auth/auth-context.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { RegisterPage } from './auth/register-page.tsx';
import { RequireAdmin, RequireAuth } from './auth/require-auth.tsx';
import { AppErrorBoundary } from './layout/app-error-boundary.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './layout/not-found-page.tsx';

/** Routes of the single-page app. The server answers every non-API path with index.html. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <AppErrorBoundary fullPage>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<AppLayout />}>
                {/* RequireAuth sends signed-out visitors on to /login. */}
                <Route index element={<Navigate to="/app" replace />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="register" element={<RegisterPage />} />
                <Route
                  path="app"
                  element={
                    <RequireAuth>
                      <PersonalCenterPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="admin/*"
                  element={
                    <RequireAuth>
                      <RequireAdmin>
                        <LazyAdminConsole />
                      </RequireAdmin>
                    </RequireAuth>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
