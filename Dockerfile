# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
#
# Odoo 19.0 Community with the Fresh CRM Suite addons and their OCA dependencies.
#   docker compose up -d           web client on http://localhost:8069 (demo database)
#   docker compose run --rm test   the suite's tests against the compose database
FROM odoo:19.0

USER root

# Python packages from requirements.txt: the pinned OCA addon wheels (they install
# odoo/addons/<addon> into the system Python, where Odoo 19 finds them without an
# addons_path entry; among them mgmtsystem and mgmtsystem_action, the improvement
# actions of crm_aftersales), numpy and scipy (the customer value model of crm_analytics;
# wheels, nothing to compile) and the test tools. The image's Python is Ubuntu's, "externally
# managed" (PEP 668), hence --break-system-packages.
# The complaint classifier's libraries (jieba, OpenCC, scikit-learn, scipy) come from
# requirements.txt too; the check after the install loads jieba's dictionary and
# converts a word, proving nothing needs a download at run time.
# The OCA wheels require the distribution odoo==19.0.*: pip must see the Odoo of the
# image's .deb as installed. Should the .deb ship no Python metadata, register it.
COPY requirements.txt /opt/crm-suite/requirements.txt
RUN if ! python3 -c "import importlib.metadata as m; m.version('odoo')" 2>/dev/null; then \
        site="$(python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
        && version="$(python3 -c 'import odoo.release as r; print(r.version)')" \
        && mkdir -p "${site}/odoo-${version}.dist-info" \
        && printf 'Metadata-Version: 2.1\nName: odoo\nVersion: %s\n' "${version}" \
            > "${site}/odoo-${version}.dist-info/METADATA" \
        && echo "registered the odoo ${version} distribution in ${site}"; \
    fi \
    && python3 -m pip install --no-cache-dir --break-system-packages \
        -r /opt/crm-suite/requirements.txt \
    && python3 -c "import jieba, opencc, sklearn, scipy; jieba.initialize(); \
print(opencc.OpenCC('t2s').convert('投訴'))"

# The suite (not under /mnt/extra-addons: that is a VOLUME of the base image, and
# "docker compose up" would keep its content from a container of an older image).
# bin/, tests/ and config/ come along for the in-container test command.
COPY --chown=odoo:odoo addons/ /opt/crm-suite/addons/
COPY --chown=odoo:odoo bin/ /opt/crm-suite/bin/
COPY --chown=odoo:odoo config/ /opt/crm-suite/config/
COPY --chown=odoo:odoo tests/ /opt/crm-suite/tests/
COPY --chown=odoo:odoo config/odoo-docker.conf /etc/odoo/odoo.conf
COPY docker/entrypoint.sh /usr/local/bin/crm-entrypoint.sh
RUN chown odoo:odoo /opt/crm-suite \
    && find /opt/crm-suite/bin -type f -exec chmod 0755 {} + \
    && chmod 0755 /usr/local/bin/crm-entrypoint.sh

USER odoo

# Waits for PostgreSQL, creates the demo database on first start, then runs the
# official /entrypoint.sh (see docker/entrypoint.sh).
ENTRYPOINT ["/usr/local/bin/crm-entrypoint.sh"]
CMD ["odoo"]
