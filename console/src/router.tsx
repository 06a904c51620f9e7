import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { useSession } from './session';
import { ConsoleLayout } from './layout';
import type { Role } from './types';

// Every page is its own chunk, fetched when first visited; the sign-in page comes first.
const SignIn = lazy(() => import('./pages/SignIn'));
const AuthCallback = lazy(() => import('./pages/SignIn').then((m) => ({ default: m.AuthCallback })));
const SchoolRounds = lazy(() => import('./pages/SchoolRounds'));
const SchoolRound = lazy(() => import('./pages/SchoolRound'));
const SchoolMembers = lazy(() => import('./pages/SchoolMembers'));
const SchoolReviews = lazy(() => import('./pages/SchoolReviews'));
const SchoolAssessment = lazy(() => import('./pages/SchoolAssessment'));
const Rounds = lazy(() => import('./pages/Rounds'));
const OpenRound = lazy(() => import('./pages/OpenRound'));
const Intake = lazy(() => import('./pages/Intake'));
const ShortlistPage = lazy(() => import('./pages/Shortlist'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const PoolPage = lazy(() => import('./pages/Pool'));
const MemberPage = lazy(() => import('./pages/Member'));
const TalksDuePage = lazy(() => import('./pages/TalksDue'));
const ReviewsPage = lazy(() => import('./pages/Reviews'));
const ReviewPage = lazy(() => import('./pages/ReviewDetail'));
const ScoresPage = lazy(() => import('./pages/Scores'));
const InspectionPage = lazy(() => import('./pages/Inspection'));
const UnitsPage = lazy(() => import('./pages/Units'));
const ImportsPage = lazy(() => import('./pages/Imports'));
const BallotsPage = lazy(() => import('./pages/Ballots'));
// 民主推荐's public ballot: no sign-in, outside the signed-in layout.
const VotePage = lazy(() => import('./pages/Vote'));
const NoticesPage = lazy(() => import('./pages/Notices'));
const PublicityPage = lazy(() => import('./pages/Publicity'));
const PublicPublicity = lazy(() => import('./pages/PublicPublicity'));

// A signed-in bureau user opening the console lands on the dashboard: its chunk is fetched
// while the settings load, not after (the dashboard's budget is 1.5 s from navigation).
try {
  const saved = JSON.parse(sessionStorage.getItem('talent-pool.session') ?? 'null') as { role?: string } | null;
  if (saved?.role === 'bureau' && /^\/bureau\/?$/.test(window.location.pathname)) void import('./pages/Dashboard');
} catch {
  // no saved session: nothing to fetch ahead
}

export const HOME: Record<Role, string> = { school: '/school', bureau: '/bureau', approver: '/approver' };

function Loading() {
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin description="正在加载…" /></div>;
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Pages of one role: signed out → the sign-in page; another role → not allowed. */
function RoleGate({ role }: { role: Role }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  if (session.role !== role) {
    return <Result status="403" title="无权访问" subTitle="此页面不属于您的角色。请使用上方导航回到您的工作页面。" />;
  }
  return <Outlet />;
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? HOME[session.role] : '/signin'} replace />;
}

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="请从上方导航进入，或返回首页。" />;
}

const router = createBrowserRouter([
  { path: '/signin', element: <Page><SignIn /></Page> },
  { path: '/vote', element: <Page><VotePage /></Page> },
  // The OIDC provider's redirect back (authorization code with PKCE).
  { path: '/auth/callback', element: <Page><AuthCallback /></Page> },
  // 公示 (S-PUBLICITY): public, read-only, no sign-in.
  { path: '/publicity/:roundId', element: <Page><PublicPublicity /></Page> },
  {
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <Home /> },
      {
        path: 'school',
        element: <RoleGate role="school" />,
        children: [
          { index: true, element: <Page><SchoolRounds /></Page> },
          { path: 'rounds/:roundId', element: <Page><SchoolRound /></Page> },
          { path: 'members', element: <Page><SchoolMembers /></Page> },
          { path: 'reviews', element: <Page><SchoolReviews /></Page> },
          { path: 'reviews/:reviewId', element: <Page><SchoolAssessment /></Page> },
          { path: 'notices', element: <Page><NoticesPage role="school" /></Page> },
        ],
      },
      {
        path: 'bureau',
        element: <RoleGate role="bureau" />,
        children: [
          // The landing page: the pool against its caps, then the rounds.
          { index: true, element: <Page><Dashboard /></Page> },
          { path: 'rounds', element: <Page><Rounds role="bureau" /></Page> },
          { path: 'rounds/new', element: <Page><OpenRound /></Page> },
          { path: 'pool', element: <Page><PoolPage /></Page> },
          { path: 'pool/members/:personId', element: <Page><MemberPage /></Page> },
          { path: 'talks', element: <Page><TalksDuePage /></Page> },
          { path: 'reviews', element: <Page><ReviewsPage /></Page> },
          { path: 'reviews/:reviewId', element: <Page><ReviewPage /></Page> },
          { path: 'rounds/:roundId', element: <Page><Intake /></Page> },
          { path: 'rounds/:roundId/scores', element: <Page><ScoresPage /></Page> },
          { path: 'rounds/:roundId/inspection', element: <Page><InspectionPage /></Page> },
          { path: 'rounds/:roundId/ballots', element: <Page><BallotsPage /></Page> },
          { path: 'rounds/:roundId/publicity', element: <Page><PublicityPage /></Page> },
          { path: 'units', element: <Page><UnitsPage /></Page> },
          { path: 'imports', element: <Page><ImportsPage /></Page> },
          { path: 'notices', element: <Page><NoticesPage role="bureau" /></Page> },
        ],
      },
      {
        path: 'approver',
        element: <RoleGate role="approver" />,
        children: [
          { index: true, element: <Page><Rounds role="approver" /></Page> },
          { path: 'rounds/:roundId', element: <Page><ShortlistPage /></Page> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function ConsoleRouter() {
  return <RouterProvider router={router} />;
}
