import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { LazyAdminConsole } from './admin/lazy-admin-console.tsx';
import { PersonalCenterPage } from './app-center/personal-center-page.tsx';
import { AuthProvider } from './auth/auth-context.tsx';
import { HomeRedirect } from './auth/home-redirect.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { RegisterPage } from './auth/register-page.tsx';
import { RequireAdmin, RequireAuth } from './auth/require-auth.tsx';
import { AppErrorBoundary } from './layout/app-error-boundary.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './layout/not-found-page.tsx';
import { VerifyBadgePage } from './verify/verify-badge-page.tsx';
import { VerifyCredentialPage } from './verify/verify-credential-page.tsx';
import { VerifyNftPage } from './verify/verify-nft-page.tsx';

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
                <Route index element={<HomeRedirect />} />
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
                {/* Public verification pages: shareable, no login. */}
                <Route path="verify/badge/:issuanceId" element={<VerifyBadgePage />} />
                <Route path="verify/nft/:mintAddress" element={<VerifyNftPage />} />
                <Route path="verify/credential" element={<VerifyCredentialPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
