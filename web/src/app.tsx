/** The page's frame: sign-in when no one is signed in, else the navigation and the screen of the URL (ids only in URLs). */
import { Link, Redirect, Route, Router, Switch } from 'wouter';
import { useSession } from './api/session';
import { AdminPayers } from './screens/admin/payers';
import { AdminPractices } from './screens/admin/practices';
import { AdminStaff } from './screens/admin/staff';
import { BatchesScreen } from './screens/batches';
import { BillScreen } from './screens/bill/bill-screen';
import { FilesScreen } from './screens/files';
import { ManualUploadScreen } from './screens/manual-upload';
import { PostPaymentScreen } from './screens/post-payment';
import { SignInScreen } from './screens/sign-in';
import { UnmatchedScreen } from './screens/unmatched';
import { WorkListScreen } from './screens/work-list';

function Nav({ admin }: { admin: boolean }) {
  const links = admin
    ? [
        ['/admin/practices', 'Practices'],
        ['/admin/payers', 'Payers'],
        ['/admin/staff', 'Staff accounts'],
      ]
    : [
        ['/', 'Work list'],
        ['/manual-upload', 'Manual upload'],
        ['/unmatched', 'Unmatched ERAs'],
        ['/batches', 'Batches'],
        ['/files', 'Clearinghouse files'],
      ];
  return (
    <nav aria-label="Screens">
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href ?? '/'} className={(active: boolean) => (active ? 'active' : '')}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BillingRoutes() {
  return (
    <Switch>
      <Route path="/" component={WorkListScreen} />
      <Route path="/bills/:billId" component={BillScreen} />
      <Route path="/bills/:billId/payment" component={PostPaymentScreen} />
      <Route path="/manual-upload" component={ManualUploadScreen} />
      <Route path="/unmatched" component={UnmatchedScreen} />
      <Route path="/batches" component={BatchesScreen} />
      <Route path="/files" component={FilesScreen} />
      <Route>
        <Redirect to="/" />
      </Route>
    </Switch>
  );
}

function AdminRoutes() {
  return (
    <Switch>
      <Route path="/admin/practices" component={AdminPractices} />
      <Route path="/admin/payers" component={AdminPayers} />
      <Route path="/admin/staff" component={AdminStaff} />
      <Route>
        <Redirect to="/admin/practices" />
      </Route>
    </Switch>
  );
}

export function App() {
  const session = useSession();
  if (session.checking) return <p className="loading">Loading…</p>;
  if (!session.staff) return <SignInScreen />;
  const admin = session.staff.role === 'ADMIN';
  return (
    <Router base="/app">
      <a className="skip" href="#main">
        Skip to the screen
      </a>
      <header className="top">
        <span className="brand">Secondary claims</span>
        <Nav admin={admin} />
        <span className="who">
          {session.staff.name} ({admin ? 'admin' : 'billing'})
          <button type="button" className="link" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {admin ? <AdminRoutes /> : <BillingRoutes />}
      </main>
    </Router>
  );
}
